using Baton.Engine.Data;
using Baton.Engine.Data.Synthetic;
using Baton.Engine.Strategy;
using Baton.Research.Trials;
using Baton.Runs.Backtests;
using Baton.Runs.Files;
using Baton.Yaml;

namespace Baton.Research.Tests.Trials;

public sealed class TrialBatchTests
{
    internal static string Example => Path.Combine(Repository.Root, "examples", "strategies", "sma_crossover.yaml");

    [Fact]
    public async Task Every_trial_equals_the_backtest_of_its_parameters_whatever_the_jobs()
    {
        var variants = new YamlVariants(Example);
        var plain = variants.Load([]);
        var data = new TrialData(new SyntheticCandleSource(plain.Data), TimeRange.All);
        TrialSpec[] trials = [Trial(0, "5", "20"), Trial(1, "10", "30"), Trial(2, "20", "60")];
        var one = await TrialBatch.RunAsync(variants, data, trials, 1, null, CancellationToken.None);
        var two = await TrialBatch.RunAsync(variants, data, trials, 2, null, CancellationToken.None);
        for (int i = 0; i < trials.Length; i++)
        {
            var strategy = variants.Load(trials[i].Settings);
            var backtest = await BacktestRun.RunAsync(new BacktestSpec(strategy, data.Source, data.Range), null, CancellationToken.None);
            Assert.Equal(trials[i].Id, one[i].Id);
            Assert.Equal(backtest.Metrics, one[i].Metrics);
            Assert.Equal(FillsHash.Of(backtest.Orders, strategy.Symbols), one[i].FillsHash);
            Assert.Equal(one[i].Metrics, two[i].Metrics);
            Assert.Equal(one[i].FillsHash, two[i].FillsHash);
        }
        Assert.NotEqual(one[0].FillsHash, one[1].FillsHash);
    }

    [Fact]
    public async Task A_value_the_strategy_refuses_is_the_trial_error_and_the_others_run()
    {
        var variants = new YamlVariants(Example);
        var data = new TrialData(new SyntheticCandleSource(variants.Load([]).Data), TimeRange.All);
        var outcomes = await TrialBatch.RunAsync(variants, data, [Trial(0, "0", "20"), Trial(1, "10", "30")], 2, null, CancellationToken.None);
        Assert.NotNull(outcomes[0].Error);
        Assert.Contains("period", outcomes[0].Error, StringComparison.Ordinal);
        Assert.Null(outcomes[1].Error);
        Assert.NotNull(outcomes[1].Metrics);
    }

    private static TrialSpec Trial(int id, string fast, string slow) =>
        new(id, [new ParameterSetting("fast_period", fast), new ParameterSetting("slow_period", slow)]);
}

/// <summary>The strategy file loaded per trial with its parameters as overrides (the CLI's own is internal to it).</summary>
internal sealed class YamlVariants(string path) : IStrategyVariants
{
    public string SourceFile => path;
    public IReadOnlyList<string> ParameterNames => StrategyLoader.Load(path).Parameters.Keys.ToArray();

    public StrategyDefinition Load(IReadOnlyList<ParameterSetting> settings)
    {
        try
        {
            return StrategyLoader.Load(path, settings.ToDictionary(s => s.Name, s => s.Value));
        }
        catch (StrategyValidationException e)
        {
            throw new InvalidTrialException(e.Message);
        }
    }
}

internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Baton.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Baton.slnx not found above " + AppContext.BaseDirectory);
    }
}
