using Baton.Core.Market;
using Baton.Engine.Compilation;
using Baton.Engine.Data;
using Baton.Engine.Data.Synthetic;
using Baton.Engine.Strategy;
using Baton.Yaml;

namespace Baton.Bench;

/// <summary>What every benchmark runs on: the SMA-crossover example compiled from its YAML, and candles of
/// its own seeded synthetic walk, generated once into memory so the benchmark measures the engine, not I/O.</summary>
public static class BenchmarkInputs
{
    public const string StrategyPath = "examples/strategies/sma_crossover.yaml";

    /// <summary>The repository root: the nearest directory, from the working directory or the executable up,
    /// that holds <c>Baton.slnx</c> (BenchmarkDotNet runs each case from its own build folder).</summary>
    public static string RepoRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Baton.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Baton.slnx not found above the working directory or the executable");
    }

    public static StrategyDefinition LoadStrategy() => StrategyLoader.Load(Path.Combine(RepoRoot(), StrategyPath));

    /// <summary>The same strategy without its max-drawdown and daily-loss limits. The example as written halts
    /// on its 20% drawdown limit early in a long synthetic run (after about 40 k candles of seed 42); without the
    /// limits it keeps trading to the end, so orders, fills and the ledger are exercised all the way.</summary>
    public static StrategyDefinition WithoutLossLimits(StrategyDefinition definition) =>
        definition with { Risk = definition.Risk with { MaxDrawdown = null, DailyLoss = null } };

    public static CompiledStrategy Compile(StrategyDefinition definition) => StrategyCompiler.Compile(definition);

    /// <summary><paramref name="count"/> candles of the strategy's first symbol, from its data section's seed
    /// (the same candles on every run and machine).</summary>
    public static Candle[] Candles(StrategyDefinition definition, int count)
    {
        var candles = new Candle[count];
        var state = SyntheticCandleState.Create(definition.Data, definition.Timeframe, symbolIndex: 0);
        SyntheticCandles.Fill(candles, ref state);
        return candles;
    }
}
