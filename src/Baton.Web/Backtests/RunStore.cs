using System.Text.RegularExpressions;
using Baton.Engine.History;
using Baton.Engine.Strategy;

namespace Baton.Web.Backtests;

/// <summary>
/// The dashboard's runs at rest: each run's folder under <see cref="RunsFolder"/> and its entry in the history, deleted
/// together, and the retention that keeps them bounded: the newest <see cref="RunLimits.Keep"/> finished runs, within
/// <see cref="RunLimits.DiskBudget"/> bytes of folders. Runs queued or running are never touched, nor the newest
/// finished one (a single run larger than the budget is kept; the ones before it go).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001",
    Justification = "the semaphore is only awaited, so it never creates a wait handle to dispose")]
public sealed partial class RunStore(IRunHistory history, string runsFolder, RunLimits limits)
{
    private readonly SemaphoreSlim _retention = new(1, 1);

    public IRunHistory History { get; } = history;

    public string RunsFolder { get; } = Path.GetFullPath(runsFolder);

    public RunLimits Limits { get; } = limits;

    /// <summary>The folder of run <paramref name="id"/>, or null when the id is not a run id (so no path escapes).</summary>
    public string? Folder(string id) => RunId().IsMatch(id) && PlainName.Problem(id) is null ? Path.Combine(RunsFolder, id) : null;

    /// <summary>Removes the run's entry and folder; false when there was neither.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        bool known = await History.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        return DeleteFolder(id) || known;
    }

    /// <summary>Removes the run's folder, whatever is in it; false when there was none.</summary>
    public bool DeleteFolder(string id)
    {
        if (Folder(id) is not { } dir || !Directory.Exists(dir)) return false;
        Directory.Delete(dir, recursive: true);
        return true;
    }

    /// <summary>Deletes the finished runs beyond <see cref="RunLimits.Keep"/> and beyond <see cref="RunLimits.DiskBudget"/>,
    /// the oldest first. One pass at a time. Returns the ids deleted.</summary>
    public async Task<IReadOnlyList<string>> ApplyRetentionAsync(CancellationToken cancellationToken)
    {
        await _retention.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var runs = await History.ListAsync(cancellationToken).ConfigureAwait(false);
            var finished = runs.Where(r => r.Status is not (RunStatus.Queued or RunStatus.Running)).Select(r => r.Id).ToList();
            var doomed = new List<string>();
            long used = 0;
            for (int i = 0; i < finished.Count; i++)
            {
                if (Limits.DiskBudget > 0) used += FolderSize(finished[i]);
                bool overCount = Limits.Keep > 0 && i >= Limits.Keep;
                bool overBudget = Limits.DiskBudget > 0 && used > Limits.DiskBudget;
                if (i > 0 && (overCount || overBudget)) doomed.Add(finished[i]);
            }
            foreach (string id in doomed) await DeleteAsync(id, cancellationToken).ConfigureAwait(false);
            return doomed;
        }
        finally
        {
            _retention.Release();
        }
    }

    private long FolderSize(string id)
    {
        if (Folder(id) is not { } dir || !Directory.Exists(dir)) return 0;
        return new DirectoryInfo(dir).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
    }

    [GeneratedRegex("^[0-9]{8}-[0-9]{6}-[0-9a-f]{6}$")]
    private static partial Regex RunId();
}
