using Baton.Engine.Data;
using Baton.Engine.Data.Synthetic;
using Baton.Research.Objectives;
using Baton.Research.Parameters;
using Baton.Research.Search;
using Baton.Research.Sweeps;
using Baton.Research.Tests.Trials;
using Baton.Research.Trials;

namespace Baton.Research.Tests.Sweeps;

public sealed class SweepRunnerTests
{
    private static readonly YamlVariants Variants = new(TrialBatchTests.Example);
    private static readonly TrialData Data = new(new SyntheticCandleSource(Variants.Load([]).Data), TimeRange.All);

    private static SweepPlan Plan(SearchSpec search)
    {
        var space = ParameterSpace.Parse(["fast_period=5..20:5", "slow_period=20..60:20"]);
        return new SweepPlan(space, ParameterFilter.Parse("fast_period < slow_period", space), Objective.Parse("total_return"), search);
    }

    [Fact]
    public async Task Results_do_not_depend_on_jobs_or_batch_size()
    {
        var plan = Plan(SearchSpec.Grid);
        var one = await SweepRunner.RunAsync(plan, Variants, Data, new SweepRunOptions { Jobs = 1, BatchSize = 64 }, CancellationToken.None);
        var two = await SweepRunner.RunAsync(plan, Variants, Data, new SweepRunOptions { Jobs = 2, BatchSize = 3 }, CancellationToken.None);
        Assert.Equal(11, one.Trials.Count);
        Assert.Equal(Enumerable.Range(0, 11), one.Trials.Select(t => t.Id));
        Assert.Equal(one.Trials.Select(Key), two.Trials.Select(Key));
        Assert.Equal(one.Ranked.Select(t => t.Id), two.Ranked.Select(t => t.Id));
        Assert.Equal("fast_period=5 slow_period=20", string.Join(" ", one.Trials[0].Settings));
        Assert.Equal("fast_period=20 slow_period=60", string.Join(" ", one.Trials[^1].Settings));
    }

    [Fact]
    public async Task A_tpe_sweep_gives_the_same_trials_whatever_jobs_and_batch_size()
    {
        var plan = Plan(new SearchSpec(SearchKind.Tpe, 9, 5));
        var one = await SweepRunner.RunAsync(plan, Variants, Data, new SweepRunOptions { Jobs = 1 }, CancellationToken.None);
        var two = await SweepRunner.RunAsync(plan, Variants, Data, new SweepRunOptions { Jobs = 2, BatchSize = 2 }, CancellationToken.None);
        Assert.Equal(9, one.Trials.Count);
        Assert.Equal(one.Trials.Select(Key), two.Trials.Select(Key));
    }

    [Fact]
    public async Task A_resume_skips_the_recorded_trials_and_keeps_them()
    {
        var plan = Plan(SearchSpec.Grid);
        var full = await SweepRunner.RunAsync(plan, Variants, Data, 2, null, null, CancellationToken.None);
        var recorded = full.Trials.Where(t => t.Id % 3 == 0).Select(t => t with { Orders = -1 }).ToArray();
        var ran = new List<int>();
        var options = new SweepRunOptions
        {
            Jobs = 2, BatchSize = 4, Done = recorded,
            AfterBatch = (batch, _) => { ran.AddRange(batch.Select(o => o.Id)); return Task.CompletedTask; },
        };
        var resumed = await SweepRunner.RunAsync(plan, Variants, Data, options, CancellationToken.None);
        Assert.Equal(full.Trials.Where(t => t.Id % 3 != 0).Select(t => t.Id), ran.Order());
        Assert.All(resumed.Trials.Where(t => t.Id % 3 == 0), t => Assert.Equal(-1, t.Orders));
        Assert.Equal(full.Trials.Where(t => t.Id % 3 != 0).Select(Key), resumed.Trials.Where(t => t.Id % 3 != 0).Select(Key));
    }

    [Fact]
    public async Task A_recorded_trial_with_other_parameters_is_refused()
    {
        var wrong = new TrialOutcome(0, [new ParameterSetting("fast_period", "6"), new ParameterSetting("slow_period", "20")]);
        var e = await Assert.ThrowsAsync<SweepInputException>(() =>
            SweepRunner.RunAsync(Plan(SearchSpec.Grid), Variants, Data, 1, null, [wrong], CancellationToken.None));
        Assert.Contains("trial 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_counts_every_trial_and_knows_the_best()
    {
        var seen = new List<SweepProgress>();
        var progress = new Inline(seen);
        var result = await SweepRunner.RunAsync(Plan(SearchSpec.Grid), Variants, Data, 1, progress, null, CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, 11), seen.Select(p => p.Done));
        Assert.All(seen, p => Assert.Equal(11, p.Total));
        Assert.Equal(result.Ranked[0].Id, seen[^1].Best!.Id);
        Assert.Equal(TimeSpan.Zero, seen[^1].Remaining);
    }

    [Fact]
    public async Task A_parameter_that_changes_the_data_is_refused_before_any_trial()
    {
        string dir = Directory.CreateTempSubdirectory("baton-sweep-").FullName;
        try
        {
            string path = Path.Combine(dir, "s.yaml");
            string text = File.ReadAllText(TrialBatchTests.Example)
                .Replace("seed: 42", "seed: \"${seed}\"", StringComparison.Ordinal)
                .Replace("parameters:\n", "parameters:\n  seed: 42\n", StringComparison.Ordinal);
            File.WriteAllText(path, text);
            var variants = new YamlVariants(path);
            // against the strategy as written (seed 42), whose data the sweep reads: one value is enough to be refused
            foreach (var (values, named) in new[] { ("1,2", "seed=1"), ("7", "seed=7"), ("42,43", "seed=43") })
            {
                var plan = SweepPlan.Grid(ParameterSpace.Parse(["seed=" + values]));
                var e = await Assert.ThrowsAsync<SweepInputException>(() => SweepRunner.RunAsync(plan, variants, Data, 1, null, null, CancellationToken.None));
                Assert.Equal($"--param {named}: changes the strategy's data; every trial of a sweep must run over the same symbols, timeframe and data", e.Message);
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static string Key(TrialOutcome t) =>
        $"{t.Id} {string.Join(" ", t.Settings)} {t.FillsHash} {t.FinalEquity} {t.Metrics?.Sharpe} {t.Error}";

    private sealed class Inline(List<SweepProgress> into) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value) => into.Add(value);
    }
}
