namespace Baton.Research.Trials;

/// <summary>
/// Where the machines of a cluster record trial outcomes (<see cref="TrialOutcomeJson"/> lines) by sweep key and trial
/// id, every machine reaching the same store: the cluster's Redis by default, PostgreSQL when a sweep names one
/// (implemented in Baton.Postgres). A trial id is recorded once: a second outcome for it is ignored, never replaces
/// the first (a trial is a pure function of its inputs, so both are the same bytes anyway).
/// </summary>
public interface ITrialResultStore
{
    /// <summary>Records each outcome whose trial id has none yet; returns how many were new.</summary>
    Task<int> PutAsync(string sweep, IReadOnlyList<(int Id, string Json)> outcomes, CancellationToken cancellationToken);

    /// <summary>The recorded outcomes of those of <paramref name="ids"/> that have one.</summary>
    Task<IReadOnlyDictionary<int, string>> GetAsync(string sweep, IReadOnlyList<int> ids, CancellationToken cancellationToken);

    /// <summary>Every trial id of the sweep with an outcome.</summary>
    Task<IReadOnlySet<int>> IdsAsync(string sweep, CancellationToken cancellationToken);

    /// <summary>Removes the sweep's outcomes.</summary>
    Task ForgetAsync(string sweep, CancellationToken cancellationToken);
}
