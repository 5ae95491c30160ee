using Baton.Core.Portfolio;
using Baton.Engine.Data;
using Baton.Engine.Data.Synthetic;
using Baton.Research.Trials;

namespace Baton.Research.Tests.Trials;

/// <summary>A shared pass (<see cref="TrialBatch.RunAsync(IStrategyVariants, TrialData, IReadOnlyList{TrialSpec}, int, IProgress{TrialOutcome}?, CancellationToken)"/>)
/// gives every trial exactly the outcome of the reference path (<see cref="TrialBatch.RunOneAsync"/>), for any jobs and
/// group size.</summary>
public sealed class SharedPassTests
{
    public static TheoryData<string> Strategies =>
        ["sma_example", "several_symbols", "higher_timeframe", "several_outputs", "indicator_over_indicator", "entry_orders",
            "loss_limits", "decide_paths"];

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Every_trial_of_a_shared_pass_equals_the_reference_for_jobs_1_and_2_and_small_groups(string name)
    {
        var (variants, data, trials) = Setup(name);
        var reference = new List<TrialOutcome>();
        foreach (var trial in trials) reference.Add(await TrialBatch.RunOneAsync(variants, data, trial, CancellationToken.None));
        foreach (var options in new[] { new TrialBatchOptions(1), new TrialBatchOptions(2, GroupSize: 3) { BatchSize = 97 } })
        {
            var counts = new TrialBatchCounts();
            var fast = await TrialBatch.RunAsync(variants, data, trials, options with { Counts = counts }, null, CancellationToken.None);
            Assert.Equal(trials.Length, counts.Shared);   // every trial went through a shared pass, none alone
            for (int i = 0; i < trials.Length; i++) AssertSame(reference[i], fast[i]);
        }
        Assert.Contains(reference, r => r.Orders > 0);
        Assert.True(reference.Select(r => r.FillsHash).Distinct().Count() > 1, "the parameter sets should trade differently");
    }

    [Fact]
    public async Task A_trial_halted_flat_and_without_orders_records_only_its_constant_equity_and_still_equals_the_reference()
    {
        var (variants, data, trials) = Setup("loss_limits");
        var counts = new TrialBatchCounts();
        var fast = await TrialBatch.RunAsync(variants, data, trials, new TrialBatchOptions(2, GroupSize: 4) { Counts = counts, BatchSize = 100 }, null,
            CancellationToken.None);
        for (int i = 0; i < trials.Length; i++) AssertSame(await TrialBatch.RunOneAsync(variants, data, trials[i], CancellationToken.None), fast[i]);
        Assert.True(counts.Frozen > 0, "some halted trials should have finished on the frozen path");
        Assert.Contains(fast, o => o.FinalState == PortfolioState.Stopped);
        Assert.Contains(fast, o => o.FinalState != PortfolioState.Stopped);
    }

    [Fact]
    public async Task Trials_whose_indicator_parameters_differ_do_not_share_values()
    {
        var variants = new YamlVariants(TrialBatchTests.Example);
        var data = new TrialData(new SyntheticCandleSource(variants.Load([]).Data), TimeRange.All);
        TrialSpec[] trials = [Trial(0, ("fast_period", "10"), ("slow_period", "30")), Trial(1, ("fast_period", "11"), ("slow_period", "30"))];
        var fast = await TrialBatch.RunAsync(variants, data, trials, 1, null, CancellationToken.None);
        Assert.NotEqual(fast[0].FillsHash, fast[1].FillsHash);
        for (int i = 0; i < trials.Length; i++) AssertSame(await TrialBatch.RunOneAsync(variants, data, trials[i], CancellationToken.None), fast[i]);
    }

    [Fact]
    public async Task A_refused_value_is_the_trial_error_and_its_neighbours_share_a_pass()
    {
        var variants = new YamlVariants(TrialBatchTests.Example);
        var data = new TrialData(new SyntheticCandleSource(variants.Load([]).Data), TimeRange.All);
        TrialSpec[] trials = [Trial(0, ("fast_period", "10")), Trial(1, ("fast_period", "0")), Trial(2, ("fast_period", "12"))];
        var counts = new TrialBatchCounts();
        var fast = await TrialBatch.RunAsync(variants, data, trials, new TrialBatchOptions(2) { Counts = counts }, null, CancellationToken.None);
        Assert.NotNull(fast[1].Error);
        Assert.Equal([0, 1, 2], fast.Select(o => o.Id));
        Assert.Equal(2, counts.Shared);
        Assert.Equal(0, counts.Alone);
    }

    internal static void AssertSame(TrialOutcome expected, TrialOutcome actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Error, actual.Error);
        Assert.Equal(expected.Metrics, actual.Metrics);
        Assert.Equal(expected.FillsHash, actual.FillsHash);
        Assert.Equal(expected.Orders, actual.Orders);
        Assert.Equal(expected.FinalEquity, actual.FinalEquity);
        Assert.Equal(expected.FinalState, actual.FinalState);
        Assert.Equal(expected.Candles, actual.Candles);
        Assert.Equal(expected.Returns is null, actual.Returns is null);
        if (expected.Returns is { } r)
        {
            var a = actual.Returns!;
            Assert.Equal((r.Count, r.Mean, r.StandardDeviation, r.Skewness, r.Kurtosis), (a.Count, a.Mean, a.StandardDeviation, a.Skewness, a.Kurtosis));
            Assert.Equal(r.Blocks, a.Blocks);
        }
    }

    private static (YamlVariants, TrialData, TrialSpec[]) Setup(string name)
    {
        var variants = new YamlVariants(TrialStrategies.PathOf(name));
        var data = new TrialData(new SyntheticCandleSource(variants.Load([]).Data), TimeRange.All);
        var (names, sets) = TrialStrategies.Parameters(name);
        var trials = sets.Select((set, i) => new TrialSpec(i, names.Zip(set, (n, v) => new ParameterSetting(n, v)).ToArray())).ToArray();
        return (variants, data, trials);
    }

    private static TrialSpec Trial(int id, params (string Name, string Value)[] settings) =>
        new(id, settings.Select(s => new ParameterSetting(s.Name, s.Value)).ToArray());
}
