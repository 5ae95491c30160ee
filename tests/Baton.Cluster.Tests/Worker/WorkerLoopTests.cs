using System.Globalization;
using Baton.Cluster.Jobs;
using Baton.Core.Market;
using Baton.Cluster.Tests.Support;
using Baton.Cluster.Worker;
using Baton.Engine.Data;
using Baton.Engine.Strategy;
using Baton.Engine.Tests.Trading;
using Baton.Research.Trials;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Cluster.Tests.Worker;

/// <summary>The real <see cref="WorkerLoop"/> in each silo of an in-process cluster, over the engine tests' level strategy
/// and in-memory candles.</summary>
public sealed class WorkerLoopTests
{
    private static readonly Candle[] Candles = TestStrategies.FromCloses(
        [.. Enumerable.Range(0, 60).Select(i => 10 + 3 * Math.Sin(i / 3.0) + i * 0.02)]);

    private static TrialSpec[] Trials() =>
        [.. Enumerable.Range(0, 12).Select(i => new TrialSpec(i, [new ParameterSetting("level", (8.5 + i * 0.5).ToString(CultureInfo.InvariantCulture))]))];

    [Fact]
    public async Task A_batch_on_a_killed_worker_runs_elsewhere_and_every_trial_is_recorded_once_as_run_locally()
    {
        var work = new Work();
        await using var cluster = await GrainCluster.StartAsync(3, (options, host) =>
        {
            host.Services.AddSingleton(new WorkerSettings(options.SiloName, 1));
            host.Services.AddSingleton<IClusterWork>(new SiloWork(work, options.SiloName));
            host.Services.AddHostedService<WorkerLoop>();
        });
        var killed = (Orleans.TestingHost.InProcessSiloHandle?)null;   // no longer the cluster's: disposed here
        try
        {
            string sweep = Sweeps.NewKey();
            var coordinator = cluster.Coordinator(sweep);
            await coordinator.Open(Sweeps.JobJson());
            string host = (await coordinator.Status()).Host;
            var victim = cluster.Silos.First(s => s.Name != host);
            work.Victim = victim.Name;
            var trials = Trials();
            for (int u = 0; u < 6; u++) await coordinator.Submit("u" + u, ClusterJob.TrialsToJson(trials[(2 * u)..(2 * u + 2)]));
            await cluster.UntilAsync($"silo {victim.Name} to start a batch", async () => await work.VictimStarted.Task.WaitAsync(TimeSpan.FromSeconds(1)));

            await cluster.Cluster.KillSiloAsync(victim);
            killed = victim;

            await cluster.UntilAsync("every trial's outcome in the store", async () => (await cluster.Store.ResultIdsAsync(sweep)).Count == trials.Length ? "" : null);
            var status = await cluster.UntilAsync("every batch done", async () => await coordinator.Status() is { Done: 6 } s ? s : null);
            Assert.Equal((0, 0), (status.Queued, status.Running));
            Assert.False(work.VictimFinished, "the killed silo's batch never finished there: another worker ran it");
            var local = await TrialBatch.RunAsync(new LevelVariants(null), new TrialData(new MemoryCandleSource(Candles), TimeRange.All), trials, 1, null, CancellationToken.None);
            var stored = await cluster.Store.ResultsAsync(sweep, [.. trials.Select(t => t.Id)]);
            Assert.Equal(local.Select(TrialOutcomeJson.Write), trials.Select(t => stored[t.Id]));
            Assert.Contains(local, o => o.Orders > 0);
        }
        finally
        {
            work.Gate.Set();
            if (killed is not null) await killed.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_store_that_fails_under_a_worker_makes_it_give_the_batch_back_not_refuse_the_sweep()
    {
        FlakyDatabase? flaky = null;
        await using var cluster = await GrainCluster.StartAsync(1, (options, host) =>
        {
            host.Services.AddSingleton(new WorkerSettings(options.SiloName, 1));
            host.Services.AddSingleton<IClusterWork>(new SiloWork(new Work(), options.SiloName));
            host.Services.AddHostedService<WorkerLoop>();
        }, database => FlakyDatabase.Over(database, failures: 1, out flaky));
        string sweep = Sweeps.NewKey();
        var coordinator = cluster.Coordinator(sweep);
        await coordinator.Open(Sweeps.JobJson());
        var trials = Trials()[..4];
        await coordinator.Submit("u0", ClusterJob.TrialsToJson(trials[..2]));
        await coordinator.Submit("u1", ClusterJob.TrialsToJson(trials[2..]));

        await cluster.UntilAsync("every trial's outcome in the store, or a refusal", async () =>
            (await cluster.Store.ResultIdsAsync(sweep)).Count == trials.Length || (await cluster.Store.RefusalsAsync(sweep)).Count > 0 ? "" : null);
        Assert.Equal(1, flaky!.Failed);
        Assert.Empty(await cluster.Store.RefusalsAsync(sweep));
        var local = await TrialBatch.RunAsync(new LevelVariants(null), new TrialData(new MemoryCandleSource(Candles), TimeRange.All), trials, 1, null, CancellationToken.None);
        var stored = await cluster.Store.ResultsAsync(sweep, [.. trials.Select(t => t.Id)]);
        Assert.Equal(local.Select(TrialOutcomeJson.Write), trials.Select(t => stored[t.Id]));
    }

    /// <summary>What the silos share: which one is the victim, whose trials wait (until the test ends) once started; the
    /// others wait until the victim holds a batch, so it surely gets one.</summary>
    private sealed class Work
    {
        public volatile string? Victim;
        public volatile bool VictimFinished;
        public TaskCompletionSource<object> VictimStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public ManualResetEventSlim Gate { get; } = new();
    }

    private sealed class SiloWork(Work work, string silo) : IClusterWork
    {
        public (IStrategyVariants Variants, TrialData Data) Open(ClusterJob job) =>
            (new LevelVariants(() => Wait()), new TrialData(new MemoryCandleSource(Candles), TimeRange.All));

        private void Wait()
        {
            if (work.Victim is null) return;
            if (work.Victim != silo)
            {
                work.VictimStarted.Task.Wait(TimeSpan.FromSeconds(60));
                return;
            }
            work.VictimStarted.TrySetResult(silo);
            work.Gate.Wait();
            work.VictimFinished = true;
        }
    }

    /// <summary>The level strategy, its level a trial's parameter; <c>before</c> runs before each load.</summary>
    private sealed class LevelVariants(Action? before) : IStrategyVariants
    {
        public string SourceFile => "level.yaml";
        public IReadOnlyList<string> ParameterNames => ["level"];

        public StrategyDefinition Load(IReadOnlyList<ParameterSetting> settings)
        {
            before?.Invoke();
            return TestStrategies.Level(double.Parse(settings[0].Value, CultureInfo.InvariantCulture));
        }
    }
}
