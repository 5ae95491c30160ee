using Microsoft.AspNetCore.Http;

namespace Baton.Web.Security;

/// <summary>
/// Runs after routing, so it classifies a request by the endpoint routing selected, never by its path's spelling
/// (<c>/EVENTS</c>, <c>/events/</c> and <c>/events</c> are one endpoint). Refuses a request whose Host is not the
/// server's (400), that lacks the token when one is required (401: every path, the page and its script included), or
/// that changes state (any method but GET, HEAD, OPTIONS) or opens an endpoint marked <see cref="EventStreamEndpoint"/>
/// from a foreign origin (403, saying which origin was expected). <c>?token=</c> on a page address logs in: the token
/// goes into an HttpOnly, SameSite=Strict cookie and the browser is sent to the same address on this server without it.
/// Every refusal is JSON <c>{"error": "..."}</c>, so the page can show why.
/// </summary>
public sealed class AccessGuard(RequestDelegate next, AccessPolicy policy)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!request.Host.HasValue || !policy.IsAllowedHost(request.Host.Host))
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "unknown Host: this server answers to its own address only "
                + "(name more with --host or --origin)").ConfigureAwait(false);
            return;
        }
        if (policy.RequiresToken && !await AuthenticateAsync(context).ConfigureAwait(false)) return;
        if ((IsStateChanging(request.Method) || IsEventStream(context)) && policy.CrossOriginReason(request) is { } reason)
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, reason).ConfigureAwait(false);
            return;
        }
        await next(context).ConfigureAwait(false);
    }

    private async Task<bool> AuthenticateAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Query.TryGetValue("token", out var given))
        {
            if (!policy.IsValidToken(given.ToString()))
            {
                await RefuseAsync(context, StatusCodes.Status401Unauthorized, "wrong token").ConfigureAwait(false);
                return false;
            }
            context.Response.Cookies.Append(AccessPolicy.CookieName, given.ToString(), new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true,
            });
            var query = QueryString.Create(request.Query.Where(q => q.Key != "token"));
            context.Response.Redirect(LocalTarget((request.PathBase + request.Path).ToString()) + query);
            return false;
        }
        string? header = request.Headers[AccessPolicy.HeaderName];
        string? bearer = request.Headers.Authorization.ToString() is { } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..] : null;
        string? cookie = request.Cookies[AccessPolicy.CookieName];
        if (policy.IsValidToken(header) || policy.IsValidToken(bearer) || policy.IsValidToken(cookie)) return true;
        await RefuseAsync(context, StatusCodes.Status401Unauthorized,
            "a token is required: open the address baton serve printed (…/?token=…), or send it in the X-Baton-Token header").ConfigureAwait(false);
        return false;
    }

    /// <summary>A path on this server: leading slashes and backslashes collapse to one slash, so <c>//evil.example/x</c>
    /// (which a browser reads as another host) becomes <c>/evil.example/x</c>.</summary>
    internal static string LocalTarget(string path) => "/" + path.TrimStart('/', '\\');

    private static bool IsStateChanging(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));

    private static bool IsEventStream(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<EventStreamEndpoint>() is not null;

    internal static Task RefuseAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new Refusal(message));
    }

    private sealed record Refusal(string Error);
}

/// <summary>Endpoint metadata: the endpoint is an event stream, which the guard treats like a change (same origin only).</summary>
public sealed class EventStreamEndpoint
{
    public static readonly EventStreamEndpoint Instance = new();

    private EventStreamEndpoint()
    {
    }
}
