namespace Baton.Web.Cluster;

/// <summary>
/// The dashboard's seam to a cluster of workers (<c>baton serve --cluster</c>): what <c>baton cluster status</c> prints,
/// read on demand. The CLI implements it over Baton.Cluster's client, so the dashboard references neither Orleans nor
/// the cluster's project. A read that cannot reach the cluster throws <see cref="ClusterUnavailableException"/>.
/// </summary>
public interface IClusterStatusSource
{
    /// <summary>The cluster's address as it may be shown (never a password).</summary>
    string Address { get; }

    Task<ClusterStatus> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>The cluster could not be read (no worker answers, Redis is down, the read took too long): the message says
/// which, in one line.</summary>
public sealed class ClusterUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The workers the cluster's membership knows and the sweeps in its store.</summary>
public sealed record ClusterStatus(IReadOnlyList<ClusterWorker> Workers, IReadOnlyList<ClusterSweep> Sweeps);

/// <summary>A worker silo: its membership status (<c>active</c>, <c>joining</c>, <c>shuttingdown</c>, <c>dead</c> ...) and
/// what it last reported: cores, trials it runs at once, trials done since it started, the sweep and batch in hand.</summary>
public sealed record ClusterWorker(string Name, string Address, string Status, int Cores, int Jobs, long TrialsDone, string? Sweep, string? Batch);

/// <summary>A sweep in the cluster's store: trials recorded of all, batches running and queued, the silo its coordinator
/// lives on and the workers' refusals (their data differs, a file is missing).</summary>
public sealed record ClusterSweep(string Sweep, string Strategy, int Trials, int Done, int Queued, int Running, IReadOnlyList<string> Refusals,
    string Coordinator);
