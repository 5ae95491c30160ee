using System.Text.Json;
using Baton.Cluster.Contracts;
using Baton.Cluster.Jobs;
using Baton.Cluster.Store;
using Baton.Research.Trials;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using StackExchange.Redis;

namespace Baton.Cluster.Worker;

/// <summary>How a worker runs trials: its name and how many threads its batches use (at most one per core).</summary>
public sealed record WorkerSettings(string Name, int Jobs);

/// <summary>
/// A worker silo's loop: it pulls a batch from a sweep's coordinator, runs it in one pass over the data
/// (<see cref="TrialBatch"/> on dedicated threads, so Orleans' own threads stay free for its health probes), writes the
/// outcomes to the store and says it is done. When the silo stops (Ctrl-C) the batch in hand is given back, so
/// another worker runs it at once. It reports what it does to the store each second (<c>baton cluster status</c>).
/// </summary>
internal sealed partial class WorkerLoop(WorkerSettings settings, IGrainFactory grains, ILocalSiloDetails silo, ClusterStore store,
    IClusterWork work, ILogger<WorkerLoop> log) : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(250);
    private readonly Dictionary<string, (IStrategyVariants Variants, TrialData Data)> _opened = new(StringComparer.Ordinal);
    private readonly HashSet<string> _said = new(StringComparer.Ordinal);
    private long _trialsDone;
    private string? _sweep, _unit;
    private WorkerIdentity Me => new(settings.Name, silo.SiloAddress);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var beat = new Timer(_ => _ = BeatAsync(), null, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        int turn = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            WorkUnit? unit = null;
            IReadOnlyList<string> sweeps = [];
            try { sweeps = await store.ActiveSweepsAsync().ConfigureAwait(false); }
            catch (Exception e) when (e is not OperationCanceledException) { Say(e); }
            for (int i = 0; i < sweeps.Count && unit is null; i++)   // start at another sweep each time: fair shares
            {
                try { unit = await grains.GetGrain<ISweepCoordinator>(sweeps[(turn + i) % sweeps.Count]).Lease(Me).ConfigureAwait(false); }
                catch (Exception e) when (e is not OperationCanceledException) { Say(e); }   // one sweep's trouble never stops the others
            }
            turn++;
            if (unit is null)
            {
                try { await Task.Delay(Idle, stoppingToken).ConfigureAwait(false); } catch (OperationCanceledException) { break; }
                continue;
            }
            await RunAsync(unit, stoppingToken).ConfigureAwait(false);
        }
        await store.ForgetWorkerAsync(settings.Name).ConfigureAwait(false);
    }

    /// <summary>A failure to reach the cluster, logged once per distinct message.</summary>
    private void Say(Exception e)
    {
        string message = e.Message.Split('\n')[0];
        if (_said.Add(message)) LogLeaseFailed(message);
        if (_said.Count > 100) _said.Clear();
    }

    private async Task RunAsync(WorkUnit unit, CancellationToken stoppingToken)
    {
        var coordinator = grains.GetGrain<ISweepCoordinator>(unit.Sweep);
        (_sweep, _unit) = (unit.Sweep, unit.Id);
        try
        {
            var job = ClusterJob.Parse(unit.JobJson);
            if (DataCheck.Problem(job, settings.Name) is { } problem)
            {
                await RefuseAsync(coordinator, unit, problem).ConfigureAwait(false);
                return;
            }
            if (!_opened.TryGetValue(unit.Sweep, out var opened))
            {
                if (_opened.Count >= 8) _opened.Clear();   // sweeps long finished
                _opened[unit.Sweep] = opened = work.Open(job);
            }
            var trials = ClusterJob.TrialsOf(unit.TrialsJson);
            var outcomes = await TrialBatch.RunAsync(opened.Variants, opened.Data, trials, settings.Jobs, new Counter(this), stoppingToken)
                .ConfigureAwait(false);
            await store.PutResultsAsync(unit.Sweep, outcomes.Select(o => (o.Id, TrialOutcomeJson.Write(o)))).ConfigureAwait(false);
            // the outcomes are in the store: a coordinator that cannot be told now counts the batch done from there
            await TellAsync(() => coordinator.Complete(Me, unit.Id)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await TellAsync(() => coordinator.Release(Me, unit.Id)).ConfigureAwait(false);
            LogHandedBack(unit.Id);
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            // the store did not answer for a moment: the batch goes back to the queue; the sweep is not this worker's fault
            LogLeaseFailed(e.Message.Split('\n')[0]);
            await TellAsync(() => coordinator.Release(Me, unit.Id)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            await RefuseAsync(coordinator, unit, $"worker {settings.Name}: cannot run sweep {unit.Sweep}: {e.Message}").ConfigureAwait(false);
        }
        finally
        {
            (_sweep, _unit) = (null, null);
        }
    }

    private async Task RefuseAsync(ISweepCoordinator coordinator, WorkUnit unit, string problem)
    {
        LogRefused(problem);
        await TellAsync(() => coordinator.Refuse(Me, unit.Id, problem)).ConfigureAwait(false);
    }

    /// <summary>A short call to a coordinator, tried three times: its silo may have just died (the next call
    /// activates it on a live silo). When it still fails the batch is left to the coordinator's own recovery (its
    /// outcomes in the store, or its lease dropped when it moved).</summary>
    private async Task TellAsync(Func<Task> call)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await call().ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                if (attempt == 3)
                {
                    LogLeaseFailed(e.Message.Split('\n')[0]);
                    return;
                }
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt), CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task BeatAsync()
    {
        try
        {
            var beat = new WorkerBeat(settings.Name, silo.SiloAddress.ToParsableString(), Environment.ProcessorCount, settings.Jobs,
                Interlocked.Read(ref _trialsDone), _sweep, _unit, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            await store.BeatAsync(settings.Name, JsonSerializer.Serialize(beat)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogLeaseFailed(e.Message);
        }
    }

    private sealed class Counter(WorkerLoop loop) : IProgress<TrialOutcome>
    {
        public void Report(TrialOutcome value) => Interlocked.Increment(ref loop._trialsDone);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Problem}")]
    private partial void LogRefused(string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "cannot reach the cluster: {Problem}")]
    private partial void LogLeaseFailed(string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "handed batch {Unit} back")]
    private partial void LogHandedBack(string unit);
}

/// <summary>What a worker last reported to the store.</summary>
public sealed record WorkerBeat(string Name, string Silo, int Cores, int Jobs, long TrialsDone, string? Sweep, string? Unit, long Seen)
{
    /// <summary>The report of <paramref name="json"/>, or null when it is damaged (no live worker).</summary>
    public static WorkerBeat? Parse(string json)
    {
        try { return JsonSerializer.Deserialize<WorkerBeat>(json); }
        catch (JsonException) { return null; }
    }
}
