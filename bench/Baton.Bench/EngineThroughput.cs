using Baton.Core.Market;
using Baton.Engine.Compilation;
using Baton.Engine.Trading;
using BenchmarkDotNet.Attributes;

namespace Baton.Bench;

/// <summary>
/// Candles per second of the SMA-crossover example through the whole engine (rules compiled from the YAML,
/// risk gate, portfolio ledger, order flow, performance tracking), against the same strategy written by hand
/// over the same candle array. Each invocation starts from a fresh engine and feeds every candle once.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class EngineThroughput
{
    private CompiledStrategy _strategy = null!;
    private Candle[] _candles = [];

    [Params(1_000_000, 10_000_000)]
    public int Candles { get; set; }

    /// <summary>True: the example as written (it halts on its drawdown limit after ~40 k candles and only runs
    /// indicators and rules from then on). False: the same without its loss limits, trading to the end.</summary>
    [Params(true, false)]
    public bool LossLimits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var definition = BenchmarkInputs.LoadStrategy();
        _strategy = BenchmarkInputs.Compile(LossLimits ? definition : BenchmarkInputs.WithoutLossLimits(definition));
        _candles = BenchmarkInputs.Candles(definition, Candles);
    }

    [Benchmark(Description = "engine (YAML)")]
    public double Engine()
    {
        var engine = new TradingEngine(_strategy, EngineSinks.None);
        foreach (ref readonly var candle in _candles.AsSpan()) engine.OnCandle(0, candle);
        engine.Finish();
        return engine.Tracker.Equity;
    }

    [Benchmark(Baseline = true, Description = "hand-written loop")]
    public double HandWritten() => HandWrittenSmaCrossover.Run(_candles, LossLimits);
}
