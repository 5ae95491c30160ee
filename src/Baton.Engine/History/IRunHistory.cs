namespace Baton.Engine.History;

/// <summary>
/// A backtest's entry in the run history: what ran, when, how it ended and its headline numbers. The run's files
/// live in a folder of their own (named by <see cref="Id"/>); the history is their index.
/// </summary>
/// <param name="Id">Letters, digits and dashes only; also the run folder's name.</param>
/// <param name="StartedAt">Unix ms UTC (wall clock of the server, not of the data).</param>
/// <param name="Status">One of <see cref="RunStatus"/>'s values.</param>
/// <param name="Data">Where the candles came from, with any password already redacted.</param>
/// <param name="Parameters">The resolved strategy parameters as a JSON object.</param>
/// <param name="StopReason">Why trading stopped (a risk limit, a manual stop), when it did.</param>
public sealed record RunRecord(
    string Id,
    string Strategy,
    string StrategyFile,
    long StartedAt,
    long? FinishedAt,
    string Status,
    string Data,
    string Parameters,
    double? TotalReturn = null,
    double? Sharpe = null,
    double? MaxDrawdown = null,
    int? Trades = null,
    double? FinalEquity = null,
    string? FinalState = null,
    string? Error = null,
    string? StopReason = null);

/// <summary>The states of a <see cref="RunRecord"/>.</summary>
public static class RunStatus
{
    /// <summary>Waiting for a free slot.</summary>
    public const string Queued = "queued";

    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    /// <summary>Was queued or running when its server stopped.</summary>
    public const string Interrupted = "interrupted";

    /// <summary>Cancelled from the dashboard; its folder is gone.</summary>
    public const string Cancelled = "cancelled";
}

/// <summary>
/// The run history port: an index of runs kept in a database (SQLite by default, PostgreSQL when configured).
/// Implementations are safe to call from several threads.
/// </summary>
public interface IRunHistory : IAsyncDisposable
{
    /// <summary>Where the history is, for people: a path or a URI with its password shown as <c>***</c>.</summary>
    string Description { get; }

    /// <summary>Creates the table when missing (adding columns an older version lacked), and marks runs still
    /// <c>queued</c> or <c>running</c> (left by a process that stopped) as <c>interrupted</c>.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Adds the run or replaces the entry with the same id.</summary>
    Task SaveAsync(RunRecord run, CancellationToken cancellationToken);

    /// <summary>Every run, the latest first.</summary>
    Task<IReadOnlyList<RunRecord>> ListAsync(CancellationToken cancellationToken);

    Task<RunRecord?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Removes the entry; false when there was none.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);
}
