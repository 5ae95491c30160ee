using Baton.Cluster.Client;
using Baton.Cluster.Hosting;
using Baton.Cluster.Jobs;
using Baton.Cluster.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using StackExchange.Redis;

namespace Baton.Cli.Commands;

/// <summary>The CLI's connection to a cluster (<c>--cluster redis://HOST:PORT [--cert FILE]</c>): a thin Orleans client
/// and the store, checked on start so a wrong address is one clear line.</summary>
internal sealed class SweepCluster : IAsyncDisposable
{
    private readonly IHost _host;

    private SweepCluster(IHost host, ClusterAddress address)
    {
        _host = host;
        Address = address;
        Store = host.Services.GetRequiredService<ClusterStore>();
        Grains = host.Services.GetRequiredService<IClusterClient>();
        Calls = new ClusterCalls(Console.Error);
    }

    public ClusterAddress Address { get; }
    public ClusterStore Store { get; }
    public IGrainFactory Grains { get; }
    public ClusterCalls Calls { get; }

    /// <summary>Connects; null when <paramref name="address"/> is null (the sweep runs here).</summary>
    public static async Task<SweepCluster?> StartAsync(string? address, string? certificate, CancellationToken token)
    {
        if (address is null) return null;
        var cluster = Parse(address);
        var host = ClusterHosting.Client(cluster, Certificate(certificate));
        try
        {
            await Reach(host, cluster).ConfigureAwait(false);
            await host.StartAsync(token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or RedisException)
        {
            host.Dispose();
            throw new IOException($"cannot join the cluster at {cluster}: {e.Message.Split('\n')[0].TrimEnd('.')} "
                + $"(is a worker running? start one with: baton worker --cluster {cluster})");
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return new SweepCluster(host, cluster);
    }

    public ClusterTrials Trials(ClusterJob job) => new(Grains, Store, job, Calls);

    public static ClusterAddress Parse(string text)
    {
        try { return ClusterAddress.Parse(text); }
        catch (FormatException e) { throw new CliException(e.Message); }
    }

    public static System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate(string? path)
    {
        if (path is null) return null;
        if (!File.Exists(path)) throw new CliException($"--cert: {path} does not exist; make one with baton cluster cert --out {path}");
        try { return ClusterSecurity.Load(path); }
        catch (FormatException e) { throw new CliException(e.Message); }
    }

    /// <summary>Redis answers, or a one-line error naming the address.</summary>
    public static async Task Reach(IHost host, ClusterAddress cluster)
    {
        var redis = host.Services.GetRequiredService<IConnectionMultiplexer>();
        try
        {
            await redis.GetDatabase().PingAsync().ConfigureAwait(false);
        }
        catch (RedisException e)
        {
            throw new IOException($"cannot reach the cluster's Redis at {cluster}: {e.Message.Split('\n')[0]}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { await _host.StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false); }
        catch (Exception e) when (e is OrleansException or TimeoutException or OperationCanceledException) { /* leaving anyway */ }
        _host.Dispose();
    }
}
