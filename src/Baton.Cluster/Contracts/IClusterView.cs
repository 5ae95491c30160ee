using Orleans;
using Orleans.Concurrency;

namespace Baton.Cluster.Contracts;

/// <summary>What <c>baton cluster status</c> and the dashboard show: the silos Orleans' membership knows with what each
/// worker reports, and the sweeps in the store.</summary>
[Alias("baton.IClusterView")]
public interface IClusterView : IGrainWithIntegerKey
{
    [Alias("read")]
    Task<ClusterSnapshot> Read();
}

[GenerateSerializer, Immutable, Alias("baton.WorkerView")]
public sealed record WorkerView(
    [property: Id(0)] string Name,
    [property: Id(1)] string Address,
    [property: Id(2)] string Status,
    [property: Id(3)] int Cores,
    [property: Id(4)] int Jobs,
    [property: Id(5)] long TrialsDone,
    [property: Id(6)] string? Sweep,
    [property: Id(7)] string? Unit);

[GenerateSerializer, Immutable, Alias("baton.SweepView")]
public sealed record SweepView(
    [property: Id(0)] string Sweep,
    [property: Id(1)] string Strategy,
    [property: Id(2)] int Trials,
    [property: Id(3)] int Done,
    [property: Id(4)] int Queued,
    [property: Id(5)] int Running,
    [property: Id(6)] string[] Refusals,
    [property: Id(7)] string Coordinator);

[GenerateSerializer, Immutable, Alias("baton.ClusterSnapshot")]
public sealed record ClusterSnapshot([property: Id(0)] WorkerView[] Workers, [property: Id(1)] SweepView[] Sweeps);
