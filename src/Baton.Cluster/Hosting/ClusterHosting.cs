using System.Net;
using System.Security.Cryptography.X509Certificates;
using Baton.Cluster.Jobs;
using Baton.Cluster.Store;
using Baton.Cluster.Worker;
using Baton.Research.Trials;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using StackExchange.Redis;

namespace Baton.Cluster.Hosting;

/// <summary>A worker silo as <c>baton worker</c> starts it.</summary>
public sealed record WorkerHostOptions(ClusterAddress Cluster, WorkerSettings Worker)
{
    /// <summary>The address the silo listens on and advertises (loopback unless told otherwise).</summary>
    public IPAddress Listen { get; init; } = IPAddress.Loopback;
    /// <summary>Silo-to-silo port; 0 picks a free one.</summary>
    public int SiloPort { get; init; }
    /// <summary>Port clients (<c>baton sweep --cluster</c>) connect to; 0 picks a free one.</summary>
    public int GatewayPort { get; init; }
    public X509Certificate2? Certificate { get; init; }
    /// <summary>Opens the results store a job names (<c>--results</c>); null: only the cluster's Redis.</summary>
    public Func<string, ITrialResultStore>? ResultStores { get; init; }
}

/// <summary>
/// Builds the Orleans hosts of Baton: a worker silo and the thin client of <c>baton sweep --cluster</c> and
/// <c>baton cluster status</c>. Both find the cluster through its membership table in Redis (cluster and service id
/// <c>baton</c>).
/// </summary>
public static class ClusterHosting
{
    public const string ClusterId = "baton";

    /// <summary>A benchmark knob, not a setting (bench/cluster.sh): <c>BATON_BENCH_MEMBERSHIP=orleans-defaults</c> leaves
    /// Orleans' default membership settings in place, to measure what <see cref="Membership"/> buys.</summary>
    public const string BenchMembershipKnob = "BATON_BENCH_MEMBERSHIP";

    /// <summary>
    /// How fast a dead silo is declared dead, and so how soon its batch runs elsewhere: probes every second with a 1 s
    /// timeout (adaptive up to 4 s when a silo answers slowly), declared dead after 2 missed probes voted by 2 silos
    /// (or by all there are), the table read again every 2 s. About 2–5 s from kill -9 to the batch leased again,
    /// where Orleans' defaults (5 s probes, 3 misses, a 60 s refresh) take 6.5–13 s. A worker's trials run on
    /// dedicated threads (at most one per core), so the probes' thread-pool threads are not starved into a false death.
    /// </summary>
    public static void Membership(ClusterMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Environment.GetEnvironmentVariable(BenchMembershipKnob) == "orleans-defaults") return;
        options.ProbeTimeout = TimeSpan.FromSeconds(1);
        options.NumMissedProbesLimit = 2;
        options.NumVotesForDeathDeclaration = 2;
        options.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
        options.DefunctSiloExpiration = TimeSpan.FromHours(1);
        options.DefunctSiloCleanupPeriod = TimeSpan.FromMinutes(10);
    }

    /// <summary>A worker silo that joins the cluster, runs <see cref="WorkerLoop"/> and leaves when stopped.</summary>
    public static IHost Worker(WorkerHostOptions options, IClusterWork work, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ClusterSecurity.RequireSafe(options.Listen, options.Certificate);
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        Logging(builder.Logging, logging);
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(30));
        var redis = options.Cluster.Redis();
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis));
        byte[]? key = options.Certificate is { } signer ? ClusterSecurity.ResultKey(signer) : null;
        builder.Services.AddSingleton(sp => new ClusterStore(sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase(), options.ResultStores, key));
        builder.Services.AddSingleton(options.Worker);
        builder.Services.AddSingleton(work);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(c => (c.ClusterId, c.ServiceId) = (ClusterId, ClusterId));
            silo.Configure<SiloOptions>(s => s.SiloName = options.Worker.Name);
            silo.UseRedisClustering(r => r.ConfigurationOptions = redis);
            silo.ConfigureEndpoints(options.Listen, Free(options.SiloPort, options.Listen), Free(options.GatewayPort, options.Listen));
            silo.Configure<ClusterMembershipOptions>(Membership);
            if (options.Certificate is { } cert) silo.UseTls(t => ClusterSecurity.Configure(t, cert));
        });
        builder.Services.AddHostedService<WorkerLoop>();   // after the silo: stopped before it, so a batch in hand is given back
        return builder.Build();
    }

    /// <summary>A client of the cluster (no grains here): the CLI's calls go to the coordinator grains on the workers.</summary>
    /// <param name="retry">Whether to try again to connect after a failure (no worker is running yet); the default
    /// gives up after the first.</param>
    public static IHost Client(ClusterAddress cluster, X509Certificate2? certificate, Func<Exception, CancellationToken, Task<bool>>? retry = null,
        Action<ILoggingBuilder>? logging = null, Func<string, ITrialResultStore>? resultStores = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        Logging(builder.Logging, logging);
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        var redis = cluster.Redis();
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis));
        byte[]? key = certificate is { } signer ? ClusterSecurity.ResultKey(signer) : null;
        builder.Services.AddSingleton(sp => new ClusterStore(sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase(), resultStores, key));
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(c => (c.ClusterId, c.ServiceId) = (ClusterId, ClusterId));
            client.UseRedisClustering(r => r.ConfigurationOptions = redis);
            // short calls only (the work is pulled by the workers): a call to a silo that died fails in seconds and is retried
            client.Configure<ClientMessagingOptions>(m => m.ResponseTimeout = TimeSpan.FromSeconds(10));
            client.Configure<GatewayOptions>(g => g.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));
            client.UseConnectionRetryFilter(retry ?? ((_, _) => Task.FromResult(false)));
            if (certificate is { } cert) client.UseTls(t => ClusterSecurity.Configure(t, cert));
        });
        return builder.Build();
    }

    /// <summary>Orleans' categories filtered to what a user needs (a dead silo, a refused connection), Baton's at
    /// information; on stderr, one line each.</summary>
    private static void Logging(ILoggingBuilder logging, Action<ILoggingBuilder>? more)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(c => (c.SingleLine, c.TimestampFormat) = (true, "HH:mm:ss "));
        logging.AddConsole(c => c.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(LogLevel.Warning);
        logging.AddFilter("Baton", LogLevel.Information);
        // Orleans' errors come with stack traces and retries a user cannot act on; what a user needs (a worker joined,
        // a batch queued again after a death, a refusal, no Redis) Baton says itself in one line
        logging.AddFilter("Orleans", LogLevel.Error);
        foreach (var noisy in new[]
                 {
                     "Orleans.Runtime.MembershipService",   // probes and votes about a dead silo, with stack traces
                     "Orleans.Runtime.Metadata",            // manifests of silos that died uncleanly
                     "Orleans.Runtime.Messaging", "Orleans.Messaging", "Orleans.Networking",   // connections to dead silos
                     "Orleans.Connections.Security",        // a peer without the certificate, refused
                     "Orleans.Runtime.GrainDirectory", "Orleans.Runtime.Catalog", "Orleans.Runtime.Placement",
                     "Orleans.Runtime.Scheduler", "Orleans.Runtime.Hosting", "Orleans.Runtime.Silo", "Orleans.Runtime.Watchdog",
                 })
            logging.AddFilter(noisy, LogLevel.Critical);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);  // a failed start is said by Baton in one line
        more?.Invoke(logging);
    }

    private static int Free(int port, IPAddress address)
    {
        if (port != 0) return port;
        using var listener = new System.Net.Sockets.TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
