using Orleans;
using Orleans.Runtime;

namespace Baton.Cluster.Contracts;

/// <summary>
/// The coordinator of one sweep (or one walk-forward window), keyed by the sweep's key: it holds the batches of trials
/// still to run and who runs them. Workers pull batches (<see cref="Lease"/>); a batch leased by a silo that Orleans'
/// membership declares dead goes back to the queue. It keeps nothing that matters in memory: the job, the batches and
/// the results are in the store, so an activation on another silo (after its silo died) carries on from there.
/// </summary>
[Alias("baton.ISweepCoordinator")]
public interface ISweepCoordinator : IGrainWithStringKey
{
    /// <summary>Registers the sweep's job (idempotent: the same key always names the same job).</summary>
    [Alias("open")]
    Task Open(string jobJson);

    /// <summary>Adds a batch of trials to run (idempotent by <paramref name="unitId"/>).</summary>
    [Alias("submit")]
    Task Submit(string unitId, string trialsJson);

    /// <summary>A batch for <paramref name="worker"/> to run, or null when none is waiting (or it refused this sweep).</summary>
    [Alias("lease")]
    Task<WorkUnit?> Lease(WorkerIdentity worker);

    /// <summary>The worker wrote the batch's outcomes to the store.</summary>
    [Alias("complete")]
    Task Complete(WorkerIdentity worker, string unitId);

    /// <summary>The worker gives the batch back unrun (it is stopping).</summary>
    [Alias("release")]
    Task Release(WorkerIdentity worker, string unitId);

    /// <summary>The worker cannot run this sweep (its data differs, a file is missing): the batch goes back to the queue
    /// and this worker gets no more of this sweep.</summary>
    [Alias("refuse")]
    Task Refuse(WorkerIdentity worker, string unitId, string reason);

    [Alias("status")]
    Task<SweepStatus> Status();

    /// <summary>The sweep is recorded in its folder: the store forgets it.</summary>
    [Alias("finish")]
    Task Finish();
}

/// <summary>A worker silo: its name and its silo address (how the coordinator asks the membership whether it lives).</summary>
[GenerateSerializer, Immutable, Alias("baton.WorkerIdentity")]
public sealed record WorkerIdentity([property: Id(0)] string Name, [property: Id(1)] SiloAddress Silo);

/// <summary>A batch of trials to run in one pass over the data: the job (strategy and data) and the trials.</summary>
[GenerateSerializer, Immutable, Alias("baton.WorkUnit")]
public sealed record WorkUnit([property: Id(0)] string Sweep, [property: Id(1)] string Id, [property: Id(2)] string JobJson,
    [property: Id(3)] string TrialsJson);

/// <summary>Where a sweep stands on the cluster: batches queued, running (with their worker) and done, the workers'
/// refusals, the silo the coordinator lives on, and <see cref="Stuck"/> when every live worker refused it.</summary>
[GenerateSerializer, Immutable, Alias("baton.SweepStatus")]
public sealed record SweepStatus(
    [property: Id(0)] string Sweep,
    [property: Id(1)] string Strategy,
    [property: Id(2)] int Queued,
    [property: Id(3)] int Running,
    [property: Id(4)] int Done,
    [property: Id(5)] string[] Leases,
    [property: Id(6)] string[] Refusals,
    [property: Id(7)] string Host,
    [property: Id(8)] bool Stuck);
