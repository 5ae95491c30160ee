using Baton.Cluster.Contracts;
using Baton.Cluster.Hosting;
using Baton.Web.Cluster;
using Orleans.Runtime;
using StackExchange.Redis;

namespace Baton.Cli.Commands;

/// <summary>
/// The dashboard's cluster (<c>baton serve --cluster URI [--cert FILE]</c>): one Orleans client kept for the server's
/// life, opened at the first read (so the server starts before any worker does) and opened again after a read that
/// failed (its gateway died, or no worker answered). Each read is bounded by <see cref="Timeout"/>, so a dead cluster is
/// an error the page shows, never a hung request.
/// </summary>
internal sealed class ServeCluster(string address, string shown, string? certificate) : IClusterStatusSource, IAsyncDisposable
{
    private const int Seconds = 6;
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(Seconds);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SweepCluster? _cluster;
    private bool _disposed;

    /// <summary>Checks the address and the certificate now, so a bad <c>--cluster</c> or <c>--cert</c> stops <c>baton serve</c>
    /// with one line before it listens.</summary>
    public static ServeCluster Create(string address, string? certificate)
    {
        var parsed = SweepCluster.Parse(address);
        _ = SweepCluster.Certificate(certificate);
        return new ServeCluster(address, parsed.ToString(), certificate);
    }

    public string Address { get; } = shown;

    public async Task<ClusterStatus> ReadAsync(CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Timeout);
        SweepCluster? cluster = null;
        try
        {
            cluster = await ConnectedAsync(bounded.Token).ConfigureAwait(false);
            var snapshot = await cluster.Grains.GetGrain<IClusterView>(0).Read().WaitAsync(bounded.Token).ConfigureAwait(false);
            return Map(snapshot);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await DropAsync(cluster).ConfigureAwait(false);
            throw new ClusterUnavailableException($"the cluster at {Address} did not answer within {Seconds} s (is a worker running?)");
        }
        catch (Exception e) when (e is IOException or OrleansException or TimeoutException or RedisException or System.Net.Sockets.SocketException)
        {
            await DropAsync(cluster).ConfigureAwait(false);
            throw new ClusterUnavailableException(e is IOException ? e.Message : $"the cluster at {Address} did not answer: {e.Message.Split('\n')[0]}", e);
        }
    }

    /// <summary>The snapshot as the dashboard's DTO.</summary>
    public static ClusterStatus Map(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new ClusterStatus(
            [.. snapshot.Workers.Select(w => new ClusterWorker(w.Name, Endpoint(w.Address), w.Status, w.Cores, w.Jobs, w.TrialsDone, w.Sweep, w.Unit))],
            [.. snapshot.Sweeps.Select(s => new ClusterSweep(s.Sweep, Path.GetFileName(s.Strategy), s.Trials, s.Done, s.Queued, s.Running, s.Refusals, s.Coordinator))]);
    }

    /// <summary>A silo address (<c>S10.0.0.5:11111:123456</c>, Orleans' spelling with its generation) as its endpoint.</summary>
    public static string Endpoint(string silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        string text = silo.StartsWith('S') ? silo[1..] : silo;
        int last = text.LastIndexOf(':');
        return last > 0 && text.IndexOf(':', StringComparison.Ordinal) < last ? text[..last] : text;
    }

    private async Task<SweepCluster> ConnectedAsync(CancellationToken token)
    {
        await _gate.WaitAsync(token).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _cluster ??= (await SweepCluster.StartAsync(address, certificate, token, waitForWorker: false).ConfigureAwait(false))!;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets a client whose read failed (the next read opens a new one); it is closed in the background.</summary>
    private async Task DropAsync(SweepCluster? failed)
    {
        if (failed is null) return;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!ReferenceEquals(_cluster, failed)) return;
            _cluster = null;
        }
        finally
        {
            _gate.Release();
        }
        _ = Task.Run(async () => await failed.DisposeAsync().ConfigureAwait(false));
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            if (_cluster is { } open) await open.DisposeAsync().ConfigureAwait(false);
            _cluster = null;
        }
        finally
        {
            _gate.Release();
        }
    }
}
