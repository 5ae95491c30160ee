using Baton.Core.Indicators;
using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Data.Synthetic;
using Baton.Engine.Strategy;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Baton.Bench;

/// <summary>
/// Nanoseconds per <c>Update</c> of every registered indicator, with its default parameters, over 1 M candles.
/// Each invocation resets the indicator and feeds it every candle once, as the engine does: a series indicator
/// gets the close through <see cref="SeriesIndicator.Update(double)"/>, a candle indicator the whole
/// <see cref="Candle"/>, both through the base class (a virtual call per update, like the engine's pipeline).
/// <c>OperationsPerInvoke</c> = 1 M, so Mean is the time of one update.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(IndicatorUpdateConfig))]
public class IndicatorUpdate
{
    public const int Candles = 1_000_000;

    private Candle[] _candles = [];
    private double[] _closes = [];
    private Indicator _indicator = null!;
    private SeriesIndicator? _series;

    /// <summary>Every registered indicator, or those named in <c>BATON_BENCH_INDICATORS</c> (comma-separated),
    /// e.g. <c>BATON_BENCH_INDICATORS=sma,ema</c>; BenchmarkDotNet's child processes inherit it.</summary>
    public static IEnumerable<string> Names =>
        Environment.GetEnvironmentVariable("BATON_BENCH_INDICATORS") is { Length: > 0 } only
            ? only.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : IndicatorRegistry.Descriptors.Select(d => d.Name);

    [ParamsSource(nameof(Names))]
    public string Indicator { get; set; } = "sma";

    [GlobalSetup]
    public void Setup()
    {
        (_candles, _closes) = IndicatorInputs.Create(Candles);
        _indicator = IndicatorRegistry.Create(Indicator, new Dictionary<string, double>());
        _series = _indicator as SeriesIndicator;
    }

    [Benchmark(OperationsPerInvoke = Candles)]
    public double Update()
    {
        var indicator = _indicator;
        indicator.Reset();
        if (_series is { } series)
            foreach (double close in _closes) series.Update(close);
        else
            foreach (ref readonly var candle in _candles.AsSpan()) indicator.Update(candle);
        return indicator.Value;
    }
}

/// <summary>
/// SMA(20) and EMA(20) called through their sealed types, so the JIT can call (or inline) <c>Update</c> directly:
/// the cost of the arithmetic alone, to read <see cref="IndicatorUpdate"/>'s figures against.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(IndicatorUpdateConfig))]
public class SealedAverageUpdate
{
    private readonly SimpleMovingAverage _sma = new(20);
    private readonly ExponentialMovingAverage _ema = new(20);
    private double[] _closes = [];

    [GlobalSetup]
    public void Setup() => _closes = IndicatorInputs.Create(IndicatorUpdate.Candles).Closes;

    [Benchmark(OperationsPerInvoke = IndicatorUpdate.Candles, Description = "sma (sealed type)")]
    public double Sma()
    {
        var sma = _sma;
        sma.Reset();
        foreach (double close in _closes) sma.Update(close);
        return sma.Value;
    }

    [Benchmark(OperationsPerInvoke = IndicatorUpdate.Candles, Description = "ema (sealed type)")]
    public double Ema()
    {
        var ema = _ema;
        ema.Reset();
        foreach (double close in _closes) ema.Update(close);
        return ema.Value;
    }
}

/// <summary>A seeded daily random walk (seed 7, start 100, 0.1 % volatility per candle), generated once into
/// memory: the benchmark measures the indicator, not I/O.</summary>
internal static class IndicatorInputs
{
    public static (Candle[] Candles, double[] Closes) Create(int count)
    {
        var spec = new DataSpec { Seed = 7, StartPrice = 100, Volatility = 0.001 };
        var candles = new Candle[count];
        var state = SyntheticCandleState.Create(spec, Timeframe.OneDay, symbolIndex: 0);
        SyntheticCandles.Fill(candles, ref state);
        return (candles, [.. candles.Select(c => c.Close)]);
    }
}

/// <summary>
/// A short job for 2 shared cores: one process per case, 3 warm-up and 7 measured iterations of 4 invocations
/// (4 M updates, 10 to 500 ms). Calls are counted for tiering from the start (<c>TC_CallCountingDelayMs=0</c>,
/// see <see cref="ThroughputConfig"/>) so the measured iterations run tier-1 code. Adds the fastest iteration
/// (Min), the figure least disturbed by other work on a shared machine.
/// </summary>
public sealed class IndicatorUpdateConfig : ManualConfig
{
    public IndicatorUpdateConfig()
    {
        AddColumn(StatisticColumn.Min);
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(7)
            .WithInvocationCount(4).WithUnrollFactor(1)
            .WithEnvironmentVariables(new EnvironmentVariable("DOTNET_TC_CallCountingDelayMs", "0"))
            .WithId("Short"));
    }
}
