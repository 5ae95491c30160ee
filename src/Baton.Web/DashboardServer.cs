using System.Text.Json;
using Baton.Web.Api;
using Baton.Web.Backtests;
using Baton.Web.Research;
using Baton.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Baton.Web;

/// <summary>
/// The dashboard's web server: forwarded headers (from trusted proxies only), routing, the access guard (which
/// classifies a request by the endpoint routing chose), the body limit, then the page and its assets and the JSON and
/// event-stream API. ASP.NET Core's own request logging is off (a request's address can hold the login token); what
/// is logged names no secret.
/// </summary>
public static class DashboardServer
{
    public static async Task<WebApplication> CreateAsync(DashboardOptions options, DashboardPorts ports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ports);
        var policy = new AccessPolicy(options.Bind, options.Token, options.ExtraHosts, options.Origins);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "baton", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(options.Bind, options.Port);
            k.Limits.MaxRequestBodySize = BodyLimit.Default;
        });
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals;
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(ports.Backtests);
        builder.Services.AddSingleton(ports.History);
        builder.Services.AddSingleton(ports.Live);
        builder.Services.AddSingleton(new StrategyCatalog(options.StrategiesFolder));
        builder.Services.AddSingleton(sp => new BacktestService(ports.Backtests, new RunStore(ports.History, options.RunsFolder, options.Limits),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<BacktestService>>()));
        builder.Services.AddSingleton(sp => new SweepService(ports.Research, options.Sweeps,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SweepService>>()));

        await ports.History.InitializeAsync(cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(options.RunsFolder);
        var app = builder.Build();
        var service = app.Services.GetRequiredService<BacktestService>();
        service.Stopping = app.Lifetime.ApplicationStopping;
        app.Services.GetRequiredService<SweepService>().Stopping = app.Lifetime.ApplicationStopping;
        await service.Store.ApplyRetentionAsync(cancellationToken).ConfigureAwait(false);
        if (options.TrustedProxies.Count > 0) app.UseForwardedHeaders(Forwarded(options.TrustedProxies));
        app.UseRouting();
        app.UseMiddleware<AccessGuard>(policy);
        app.Use(SecurityHeaders);
        app.Use(BodyLimit.EnforceAsync);
        MapPage(app);
        StrategyApi.Map(app);
        RunApi.Map(app);
        SweepApi.Map(app);
        LiveApi.Map(app);
        ClusterApi.Map(app, ports.Cluster);
        return app;
    }

    /// <summary>No framing, no sniffing, no referrer, and a content policy that lets the page load only its own files.</summary>
    private static Task SecurityHeaders(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        return next(context);
    }

    /// <summary>Scheme, host and client address as the given proxies forwarded them; nobody else's headers are read.</summary>
    private static ForwardedHeadersOptions Forwarded(IReadOnlyList<System.Net.IPAddress> proxies)
    {
        var forwarded = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
        };
        forwarded.KnownIPNetworks.Clear();
        forwarded.KnownProxies.Clear();
        foreach (var proxy in proxies) forwarded.KnownProxies.Add(proxy);
        return forwarded;
    }

    private static void MapPage(WebApplication app)
    {
        app.MapGet("/", () => Results.Bytes(DashboardAssets.Page, "text/html; charset=utf-8"));
        app.MapGet("/assets/dashboard.js", () => Results.Bytes(DashboardAssets.Script, "text/javascript; charset=utf-8"));
        app.MapGet("/assets/dashboard.css", () => Results.Bytes(DashboardAssets.Styles, "text/css; charset=utf-8"));
    }
}
