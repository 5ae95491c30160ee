using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Baton.Engine.Events;
using Baton.Engine.History;
using Baton.Engine.Strategy;
using Baton.Runs.Backtests;
using Baton.Runs.Files;
using Microsoft.Extensions.Logging;

namespace Baton.Web.Backtests;

/// <summary>
/// Starts backtests asked for from the page: each runs in this process (<see cref="BacktestRun"/>, as <c>baton backtest</c>)
/// into a folder of its own (<see cref="RunStore"/>), with <c>report.html</c> beside its files, is indexed in the
/// history, and streams its progress and log through a <see cref="RunLog"/>. At most <see cref="RunLimits.Running"/> run at
/// once; up to <see cref="RunLimits.Queued"/> more wait as <c>queued</c>, and one more is refused
/// (<see cref="RunQueueFullException"/>). A run queued or running can be cancelled: it ends <c>cancelled</c> and its
/// folder is removed. All are cancelled when the server stops. After each run the store's retention applies.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001",
    Justification = "the semaphore never creates its wait handle; disposing it could fault a run still releasing its slot")]
public sealed partial class BacktestService(IBacktestFactory factory, RunStore store, TimeProvider clock, ILogger<BacktestService> logger)
{
    private readonly ConcurrentDictionary<string, RunLog> _logs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _cancels = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots = new(store.Limits.Running);
    private int _pending;

    public RunStore Store { get; } = store;

    /// <summary>Cancels the runs in progress when it is cancelled (the server's stopping token).</summary>
    public CancellationToken Stopping { get; set; }

    /// <summary>The log of a run started by this process (null for older runs or unknown ids).</summary>
    public RunLog? Log(string id) => _logs.GetValueOrDefault(id);

    /// <summary>The folder of run <paramref name="id"/>, or null when the id is not a run id (so no path escapes).</summary>
    public string? Folder(string id) => Store.Folder(id);

    /// <summary>Plans the run (throws <see cref="BacktestRequestException"/> when it cannot start, and
    /// <see cref="RunQueueFullException"/> when the queue is full), records it as queued and starts it in the
    /// background. Returns its id.</summary>
    public async Task<string> StartAsync(BacktestRequest request, string displayFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limits = Store.Limits;
        if (Interlocked.Increment(ref _pending) > limits.Running + limits.Queued)
        {
            Interlocked.Decrement(ref _pending);
            throw new RunQueueFullException($"{limits.Running} backtests are running and {limits.Queued} are waiting, the most this "
                + "server queues (baton serve --max-queued): try again when one has finished, or cancel one");
        }
        try
        {
            return await EnqueueAsync(request, displayFile, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Interlocked.Decrement(ref _pending);
            throw;
        }
    }

    /// <summary>Cancels a run of this process that is queued or running; false when there is none.</summary>
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
            return false;   // it ended meanwhile
        }
    }

    /// <summary>Deletes a run's entry, folder and log; false when there was none of them.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        bool known = _logs.TryRemove(id, out _);
        return await Store.DeleteAsync(id, cancellationToken).ConfigureAwait(false) || known;
    }

    private async Task<string> EnqueueAsync(BacktestRequest request, string displayFile, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        string id = $"{now:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        var plan = factory.Plan(request, Path.Combine(Store.RunsFolder, PlainName.AsFileName(id, "run id")));
        var strategy = plan.Spec.Strategy;
        var record = new RunRecord(id, strategy.Name, displayFile, now.ToUnixTimeMilliseconds(), null, RunStatus.Queued,
            plan.DataDescription, JsonSerializer.Serialize(strategy.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal)
                .ToDictionary(p => p.Key, p => p.Value), Formats.Json));
        await Store.History.SaveAsync(record, cancellationToken).ConfigureAwait(false);
        var log = new RunLog();
        _logs[id] = log;
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(Stopping);
        _cancels[id] = cancel;
        log.Write($"backtest {strategy.Name} ({displayFile}) on {plan.DataDescription}");
        _ = Task.Run(() => ExecuteAsync(plan, record, log, cancel), CancellationToken.None);
        return id;
    }

    private async Task ExecuteAsync(BacktestPlan plan, RunRecord record, RunLog log, CancellationTokenSource cancel)
    {
        try
        {
            record = await RunInSlotAsync(plan, record, log, cancel.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // a run's failure, whatever it is, is recorded and shown; it must not take the server down
        catch (Exception e)
#pragma warning restore CA1031
        {
            record = Ended(record, e, log);
        }
        finally
        {
            _cancels.TryRemove(record.Id, out _);
            cancel.Dispose();
            Interlocked.Decrement(ref _pending);
        }
        await SaveQuietlyAsync(record with { StopReason = log.StopReason }).ConfigureAwait(false);
        log.Finish(record.Status, record.Error);
        await RetainAsync().ConfigureAwait(false);
    }

    private async Task<RunRecord> RunInSlotAsync(BacktestPlan plan, RunRecord record, RunLog log, CancellationToken token)
    {
        if (!_slots.Wait(0, CancellationToken.None))
        {
            log.Write("queued: waiting for a running backtest to finish");
            await _slots.WaitAsync(token).ConfigureAwait(false);
        }
        try
        {
            token.ThrowIfCancellationRequested();
            record = record with { Status = RunStatus.Running };
            await Store.History.SaveAsync(record, token).ConfigureAwait(false);
            // the run is published with its report.html, or not at all
            var spec = plan.Spec with { Events = plan.Spec.Events is null ? log : new CompositeEventSink(plan.Spec.Events, log) };
            var result = await BacktestRun.RunAsync(spec, log, token).ConfigureAwait(false);
            var m = result.Metrics;
            log.Write($"done: {result.Candles:N0} candles, {m.Trades.TradeCount} trades, final state {result.FinalState}");
            return record with
            {
                FinishedAt = clock.GetUtcNow().ToUnixTimeMilliseconds(), Status = RunStatus.Succeeded, TotalReturn = m.TotalReturn,
                Sharpe = m.Sharpe, MaxDrawdown = m.MaxDrawdown, Trades = m.Trades.TradeCount, FinalEquity = result.FinalEquity,
                FinalState = result.FinalState.ToString(),
            };
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>How a run that threw ended: cancelled (from the page, or by the server stopping) with its folder removed,
    /// or failed with the error's message.</summary>
    private RunRecord Ended(RunRecord record, Exception e, RunLog log)
    {
        bool cancelled = e is OperationCanceledException;
        bool byServer = cancelled && Stopping.IsCancellationRequested;
        string message = !cancelled ? e.Message : byServer ? "cancelled: the server stopped" : "cancelled from the dashboard";
        if (cancelled) RemoveFolderQuietly(record.Id);
        else LogFailed(logger, record.Id, e.GetType().Name);
        log.Write((cancelled ? "" : "failed: ") + message);
        string status = !cancelled ? RunStatus.Failed : byServer ? RunStatus.Interrupted : RunStatus.Cancelled;
        return record with { FinishedAt = clock.GetUtcNow().ToUnixTimeMilliseconds(), Status = status, Error = message };
    }

    private void RemoveFolderQuietly(string id)
    {
        try
        {
            Store.DeleteFolder(id);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogCleanupFailed(logger, id, e.GetType().Name);
        }
    }

    private async Task SaveQuietlyAsync(RunRecord record)
    {
        try
        {
            await Store.History.SaveAsync(record, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the history being down must not leave the page waiting forever
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogHistoryFailed(logger, record.Id, e.GetType().Name);
        }
    }

    private async Task RetainAsync()
    {
        try
        {
            foreach (string id in await Store.ApplyRetentionAsync(CancellationToken.None).ConfigureAwait(false)) _logs.TryRemove(id, out _);
        }
#pragma warning disable CA1031 // retention is housekeeping; it is tried again after the next run
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogCleanupFailed(logger, "retention", e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "backtest {Id} failed ({Kind}); its message is in the history")]
    private static partial void LogFailed(ILogger logger, string id, string kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "backtest {Id}: the history could not be updated ({Kind})")]
    private static partial void LogHistoryFailed(ILogger logger, string id, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "runs: {Id}: files could not be removed ({Kind})")]
    private static partial void LogCleanupFailed(ILogger logger, string id, string kind);
}

/// <summary>The run queue is full: the request is refused (429) with <see cref="Exception.Message"/> saying why.</summary>
public sealed class RunQueueFullException : Exception
{
    public RunQueueFullException(string message) : base(message)
    {
    }

    public RunQueueFullException()
    {
    }

    public RunQueueFullException(string message, Exception inner) : base(message, inner)
    {
    }
}
