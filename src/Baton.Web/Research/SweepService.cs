using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Text.Json;
using Baton.Engine.Events;
using Baton.Web.Backtests;
using Microsoft.Extensions.Logging;

namespace Baton.Web.Research;

/// <summary>
/// Sweeps started from the page: each one in a folder of its own under <see cref="Folder"/> (a sweep folder as
/// <c>baton sweep --out</c> writes it, report.html included), its progress and log streamed through a
/// <see cref="RunLog"/>. One sweep runs at a time (it already uses every core it is given); another is refused while it
/// runs. A sweep that fails or is cancelled leaves no folder.
/// </summary>
public sealed partial class SweepService(IResearchFactory? factory, string folder, TimeProvider clock, ILogger<SweepService> logger)
{
    /// <summary>The most trials a sweep from the dashboard may run (a bigger grid is refused; the CLI has no such bound).</summary>
    public const int MaxTrials = 20_000;

    private readonly ConcurrentDictionary<string, RunLog> _logs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _cancels = new(StringComparer.Ordinal);
    private int _running;

    public string Folder { get; } = Path.GetFullPath(folder);

    public bool IsAvailable => factory is not null;

    public CancellationToken Stopping { get; set; }

    public RunLog? Log(string id) => _logs.GetValueOrDefault(id);

    /// <summary>The folder of sweep <paramref name="id"/>, or null when the id is not a sweep id (so no path escapes).</summary>
    public string? FolderOf(string id) => SweepId().IsMatch(id) ? Path.Combine(Folder, id) : null;

    /// <summary>The ids of the sweeps on disk (finished) and in progress, newest first.</summary>
    public IReadOnlyList<string> Ids()
    {
        var ids = new SortedSet<string>(_logs.Keys, StringComparer.Ordinal);
        if (Directory.Exists(Folder))
            foreach (string dir in Directory.EnumerateDirectories(Folder)) if (SweepId().IsMatch(Path.GetFileName(dir))) ids.Add(Path.GetFileName(dir));
        return ids.Reverse().ToList();
    }

    /// <summary>Plans the sweep (throws <see cref="ResearchRequestException"/>, or <see cref="RunQueueFullException"/>
    /// while another runs) and starts it in the background; returns its id.</summary>
    /// <summary>The file beside a dashboard sweep's files that says how to run one of its trials again: the strategy's
    /// name in the catalog and the data choice and window (<see cref="SweepOrigin"/>).</summary>
    public const string OriginFile = "dashboard.json";

    public string Start(SweepRequest request, SweepOrigin origin)
    {
        var research = factory ?? throw new ResearchRequestException("this server cannot run sweeps");
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
            throw new RunQueueFullException("a sweep is running; it uses every core it was given: wait for it to finish, or cancel it");
        try
        {
            string id = $"{clock.GetUtcNow():yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
            string dir = Path.Combine(Folder, id);
            var job = research.Plan(request, dir);
            if (job.Total > MaxTrials)
                throw new ResearchRequestException($"parameters: the sweep would run {job.Total.ToString("N0", CultureInfo.InvariantCulture)} trials, "
                    + $"more than the dashboard runs ({MaxTrials.ToString("N0", CultureInfo.InvariantCulture)}); narrow the ranges, add a where, "
                    + "use random or tpe with fewer trials, or run baton sweep");
            var log = new RunLog();
            _logs[id] = log;
            var cancel = CancellationTokenSource.CreateLinkedTokenSource(Stopping);
            _cancels[id] = cancel;
            log.Write($"{(request.WalkForward is null ? "sweep" : "walk-forward")} {job.Description}: {job.Total} trials{(request.WalkForward is null ? "" : " a window")}");
            _ = Task.Run(() => ExecuteAsync(id, dir, job, log, cancel, origin), CancellationToken.None);
            return id;
        }
        catch
        {
            Volatile.Write(ref _running, 0);
            throw;
        }
    }

    public bool Cancel(string id)
    {
        if (!_cancels.TryGetValue(id, out var cancel)) return false;
        try
        {
            cancel.Cancel();
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    private async Task ExecuteAsync(string id, string dir, IResearchJob job, RunLog log, CancellationTokenSource cancel, SweepOrigin origin)
    {
        string status = "succeeded";
        string? error = null;
        try
        {
            await job.RunAsync(new Progress(log), cancel.Token).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(dir, OriginFile), JsonSerializer.Serialize(origin, Formats.Json), CancellationToken.None)
                .ConfigureAwait(false);
            log.Write("done: the sweep's folder and report are written");
        }
#pragma warning disable CA1031 // a sweep's failure, whatever it is, is shown on its page; it must not take the server down
        catch (Exception e)
#pragma warning restore CA1031
        {
            bool cancelled = e is OperationCanceledException;
            status = cancelled ? "cancelled" : "failed";
            error = cancelled ? "cancelled" : e.Message;
            if (!cancelled) LogFailed(logger, id, e.GetType().Name);
            log.Write((cancelled ? "" : "failed: ") + error);
            RemoveQuietly(dir);
        }
        finally
        {
            _cancels.TryRemove(id, out _);
            cancel.Dispose();
            Volatile.Write(ref _running, 0);
        }
        log.Finish(status, error);
    }

    private void RemoveQuietly(string dir)
    {
        try
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogFailed(logger, Path.GetFileName(dir), e.GetType().Name);
        }
    }

    /// <summary>Each progress report as a log line: trials done, failed, the best so far, the time left.</summary>
    private sealed class Progress(RunLog log) : IProgress<ResearchProgress>
    {
        public void Report(ResearchProgress value)
        {
            // about a hundred lines a sweep, however many trials
            int step = Math.Max(1, value.Total / 100);
            if (value.Total == 0 || (value.Done % step != 0 && value.Done != value.Total)) return;
            string best = value.BestScore is { } s ? $", best {s.ToString("0.####", CultureInfo.InvariantCulture)} ({value.Best})" : "";
            string left = value.SecondsLeft is { } l ? $", about {Math.Ceiling(l).ToString(CultureInfo.InvariantCulture)} s left" : "";
            log.Write($"{(value.Stage is null ? "" : value.Stage + ": ")}trials {value.Done}/{value.Total} done, {value.Failed} failed{best}{left}");
        }
    }

    [GeneratedRegex("^[0-9]{8}-[0-9]{6}-[0-9a-f]{6}$")]
    private static partial Regex SweepId();

    [LoggerMessage(Level = LogLevel.Warning, Message = "sweep {Id} failed ({Kind}); its message is on its page")]
    private static partial void LogFailed(ILogger logger, string id, string kind);
}

/// <summary>How the page started a sweep, kept beside its files so a trial can be run again as an ordinary backtest:
/// the strategy's name in the catalog, the data choice (null: the strategy's own) and the window.</summary>
public sealed record SweepOrigin(string Strategy, string? Data, string? From, string? To);
