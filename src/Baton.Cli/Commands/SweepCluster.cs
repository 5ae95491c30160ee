using Baton.Cluster.Client;
using Baton.Cluster.Hosting;
using Baton.Cluster.Jobs;
using Baton.Cluster.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Runtime;
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

    /// <summary>Connects; null when <paramref name="address"/> is null (the sweep runs here). With
    /// <paramref name="waitForWorker"/> it waits for a first worker to join (said once on stderr); without, no worker
    /// is an error at once.</summary>
    public static async Task<SweepCluster?> StartAsync(string? address, string? certificate, CancellationToken token, bool waitForWorker = true)
    {
        if (address is null) return null;
        var cluster = Parse(address);
        bool said = false;
        async Task<bool> Retry(Exception e, CancellationToken cancel)
        {
            if (!waitForWorker || e is not SiloUnavailableException) return false;
            if (!said) await Console.Error.WriteLineAsync($"waiting for a worker to join the cluster at {cluster} "
                + $"(start one with: baton worker --cluster {cluster}; Ctrl-C to stop)").ConfigureAwait(false);
            said = true;
            await Task.Delay(TimeSpan.FromSeconds(1), cancel).ConfigureAwait(false);
            return true;
        }
        var host = ClusterHosting.Client(cluster, Certificate(certificate), Retry, resultStores: ClusterWork.ResultStore);
        try
        {
            await Reach(host, cluster).ConfigureAwait(false);
            await host.StartAsync(token).ConfigureAwait(false);
        }
        catch (SiloUnavailableException)
        {
            host.Dispose();
            throw new IOException($"no worker is running on the cluster at {cluster}; start one with: baton worker --cluster {cluster}");
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or RedisException)
        {
            host.Dispose();
            throw new IOException($"cannot join the cluster at {cluster}: no worker answered ({e.Message.Split('\n')[0].TrimEnd('.')}); "
                + "the workers listed may all be dead (baton worker --cluster starts one)"
                + (certificate is null ? ", or they use --cert and this command needs the same certificate" : ", or they do not use this same --cert"));
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
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new CliException($"--cert: {path} does not exist; make one with baton cluster cert --out {path}");
        if (Baton.Engine.Data.Files.InputFile.Problem(path, 1 << 20) is { } problem) throw new CliException($"--cert: {path} {problem}");
        try
        {
            var cert = ClusterSecurity.Load(path);
            ClusterSecurity.ResultKey(cert);   // the key results are signed with: an EC key made by baton cluster cert
            return cert;
        }
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
            string why = e.Message.Contains("NOAUTH", StringComparison.Ordinal) || e.Message.Contains("WRONGPASS", StringComparison.Ordinal)
                ? "it wants a password (redis://:PASSWORD@HOST:PORT)" : "no answer; is redis-server running there?";
            throw new IOException($"cannot reach the cluster's Redis at {cluster}: {why}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { await _host.StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false); }
        catch (Exception e) when (e is OrleansException or TimeoutException or OperationCanceledException) { /* leaving anyway */ }
        _host.Dispose();
    }
}
