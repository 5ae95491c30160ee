using Baton.Cluster.Contracts;
using Baton.Cluster.Hosting;
using Baton.Cluster.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;

namespace Baton.Cluster.Tests.Support;

/// <summary>
/// An in-process Orleans cluster of Baton's grains (Orleans' testing host): silos under <c>ClusterHosting.Membership</c>'s
/// settings (probes, votes, refresh; the testing host keeps the membership table itself in memory, where
/// <c>baton worker</c> keeps it in Redis), and the <see cref="ClusterStore"/> over the test Redis, under a key prefix of
/// this cluster's own. Without <c>worker</c> the silos run the grains only and a test drives Lease,
/// Complete and the rest as a worker would; with it each silo also runs what <c>worker</c> adds (the real
/// <c>WorkerLoop</c>).
/// </summary>
internal sealed class GrainCluster : IAsyncDisposable
{
    private readonly string _prefix;

    private GrainCluster(InProcessTestCluster cluster, ClusterStore store, string prefix, SiloLog log)
    {
        Cluster = cluster;
        Store = store;
        _prefix = prefix;
        Log = log;
    }

    public InProcessTestCluster Cluster { get; }
    public ClusterStore Store { get; }
    public SiloLog Log { get; }

    /// <summary>The raw database under this cluster's prefix (to see which keys the store holds).</summary>
    public IDatabase Database => TestRedis.Connection.GetDatabase(0).WithKeyPrefix(_prefix);

    public IReadOnlyList<InProcessSiloHandle> Silos => Cluster.Silos;

    public ISweepCoordinator Coordinator(string sweep) => Cluster.Client.GetGrain<ISweepCoordinator>(sweep);

    /// <summary>The worker identity of <paramref name="silo"/> (its silo's name, as <c>baton worker --name</c> sets it).</summary>
    public static WorkerIdentity Worker(InProcessSiloHandle silo, string? name = null) => new(name ?? silo.Name, silo.SiloAddress);

    public InProcessSiloHandle Silo(string name) => Silos.Single(s => s.Name == name);

    /// <param name="silosDatabase">Wraps the database of the silos' store (the test's <see cref="Store"/> is the plain one).</param>
    public static async Task<GrainCluster> StartAsync(short silos, Action<InProcessTestSiloSpecificOptions, IHostApplicationBuilder>? worker = null,
        Func<IDatabase, IDatabase>? silosDatabase = null)
    {
        string prefix = "baton-test:" + Guid.NewGuid().ToString("N")[..12] + ":";
        var database = TestRedis.Connection.GetDatabase(0).WithKeyPrefix(prefix);
        var store = new ClusterStore(database);
        var silosStore = silosDatabase is null ? store : new ClusterStore(silosDatabase(database));
        var log = new SiloLog();
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        builder.Options.InitializeClientOnDeploy = true;
        builder.ConfigureSilo((_, silo) => silo.Configure<ClusterMembershipOptions>(ClusterHosting.Membership));
        builder.ConfigureSiloHost((options, host) =>
        {
            host.Services.AddSingleton(silosStore);
            host.Logging.AddProvider(log);
            host.Logging.SetMinimumLevel(LogLevel.Information);
            host.Logging.AddFilter("Orleans", LogLevel.Warning);
            host.Logging.AddFilter("Microsoft", LogLevel.Warning);
            worker?.Invoke(options, host);
        });
        builder.ConfigureClient(client =>
        {
            client.Configure<ClientMessagingOptions>(m => m.ResponseTimeout = TimeSpan.FromSeconds(10));
            client.Configure<GatewayOptions>(g => g.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));
        });
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            await TestRedis.DeleteAsync(prefix);
            throw;
        }
        return new GrainCluster(cluster, store, prefix, log);
    }

    /// <summary>Polls <paramref name="probe"/> (a call that fails counts as not yet) until it gives a value, for at most
    /// 90 s; then fails naming what it waited for, the last error and the silos' last log lines.</summary>
    public async Task<T> UntilAsync<T>(string waitingFor, Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await probe() is { } found) return found;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                last = e;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"waited 90 s for {waitingFor}; last error: {last?.GetType().Name}: {last?.Message.Split('\n')[0]}"
            + Environment.NewLine + "the silos' log:" + Environment.NewLine + Log.Tail());
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Cluster.StopAllSilosAsync();
        }
        finally
        {
            await Cluster.DisposeAsync();
            await TestRedis.DeleteAsync(_prefix);
        }
    }
}
