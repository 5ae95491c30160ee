using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Baton.Engine.Backtest;
using Baton.Engine.Events;
using Baton.Engine.History;
using Baton.Engine.Reporting;
using Baton.Engine.Strategy;
using Baton.Report;
using Microsoft.Extensions.Logging;

namespace Baton.Web.Backtests;

/// <summary>
/// Starts backtests asked for from the page: each runs in this process on the engine (<see cref="BacktestJob"/>)
/// into a folder of its own under <see cref="RunsFolder"/>, with <c>report.html</c> beside its files, is indexed in
/// the history, and streams its progress and log through a <see cref="RunLog"/>. At most two run at once (the others
/// wait their turn); all are cancelled when the server stops.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001",
    Justification = "the semaphore never creates its wait handle; disposing it could fault a run still releasing its slot")]
public sealed partial class BacktestService(IBacktestFactory factory, IRunHistory history, string runsFolder, TimeProvider clock,
    ILogger<BacktestService> logger)
{
    private readonly ConcurrentDictionary<string, RunLog> _logs = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots = new(2);

    public string RunsFolder { get; } = Path.GetFullPath(runsFolder);

    /// <summary>Cancels the runs in progress when it is cancelled (the server's stopping token).</summary>
    public CancellationToken Stopping { get; set; }

    /// <summary>The log of a run started by this process (null for older runs or unknown ids).</summary>
    public RunLog? Log(string id) => _logs.GetValueOrDefault(id);

    /// <summary>The folder of run <paramref name="id"/>, or null when the id is not a run id (so no path escapes).</summary>
    public string? Folder(string id) => RunId().IsMatch(id) && PlainName.Problem(id) is null ? Path.Combine(RunsFolder, id) : null;

    /// <summary>Plans the run (throws <see cref="BacktestRequestException"/> when it cannot start), records it as
    /// running and starts it in the background. Returns its id.</summary>
    public async Task<string> StartAsync(BacktestRequest request, string displayFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.GetUtcNow();
        string id = $"{now:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        var plan = factory.Plan(request, Path.Combine(RunsFolder, PlainName.AsFileName(id, "run id")));
        var strategy = plan.Spec.Strategy;
        var record = new RunRecord(id, strategy.Name, displayFile, now.ToUnixTimeMilliseconds(), null, RunStatus.Running,
            plan.DataDescription, JsonSerializer.Serialize(strategy.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal)
                .ToDictionary(p => p.Key, p => p.Value), Formats.Json));
        await history.SaveAsync(record, cancellationToken).ConfigureAwait(false);
        var log = new RunLog();
        _logs[id] = log;
        log.Write($"backtest {strategy.Name} ({displayFile}) on {plan.DataDescription}");
        _ = Task.Run(() => ExecuteAsync(plan, record, log), CancellationToken.None);
        return id;
    }

    private async Task ExecuteAsync(BacktestPlan plan, RunRecord record, RunLog log)
    {
        var spec = plan.Spec;
        var equity = new EquityHistory();   // the report's equity view, so equity.csv is not read back
        spec = spec with
        {
            ExtraEvents = spec.ExtraEvents is null ? log : new EventFanOut(spec.ExtraEvents, log),
            ExtraEquity = spec.ExtraEquity is null ? equity : new EquityFanOut(spec.ExtraEquity, equity),
            Finish = staging => ReportPage.Write(staging, equity),   // the run is published with its report, or not at all
        };
        try
        {
            if (!_slots.Wait(0))
            {
                log.Write("waiting for a running backtest to finish");
                await _slots.WaitAsync(Stopping).ConfigureAwait(false);
            }
            try
            {
                var result = await BacktestJob.RunAsync(spec, log, Stopping).ConfigureAwait(false);
                var m = result.Metrics;
                record = record with
                {
                    FinishedAt = clock.GetUtcNow().ToUnixTimeMilliseconds(), Status = RunStatus.Succeeded, TotalReturn = m.TotalReturn,
                    Sharpe = m.Sharpe, MaxDrawdown = m.MaxDrawdown, Trades = m.Trades.TradeCount, FinalEquity = result.FinalEquity,
                    FinalState = result.FinalState.ToString(),
                };
                log.Write($"done: {result.Candles:N0} candles, {m.Trades.TradeCount} trades, final state {result.FinalState}");
            }
            finally
            {
                _slots.Release();
            }
        }
#pragma warning disable CA1031 // a run's failure, whatever it is, is recorded and shown; it must not take the server down
        catch (Exception e)
#pragma warning restore CA1031
        {
            string message = e is OperationCanceledException ? "cancelled: the server stopped" : e.Message;
            LogFailed(logger, record.Id, e.GetType().Name);
            record = record with { FinishedAt = clock.GetUtcNow().ToUnixTimeMilliseconds(), Status = RunStatus.Failed, Error = message };
            log.Write("failed: " + message);
        }
        try
        {
            await history.SaveAsync(record, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the history being down must not leave the page waiting forever
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogHistoryFailed(logger, record.Id, e.GetType().Name);
        }
        log.Finish(record.Status, record.Error);
    }

    [GeneratedRegex("^[0-9]{8}-[0-9]{6}-[0-9a-f]{6}$")]
    private static partial Regex RunId();

    [LoggerMessage(Level = LogLevel.Warning, Message = "backtest {Id} failed ({Kind}); its message is in the history")]
    private static partial void LogFailed(ILogger logger, string id, string kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "backtest {Id}: the history could not be updated ({Kind})")]
    private static partial void LogHistoryFailed(ILogger logger, string id, string kind);
}
