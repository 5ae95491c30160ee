using System.Diagnostics;
using Baton.Components;
using Baton.Core.Market;
using Baton.Engine.Compilation;
using Baton.Engine.Components;
using Baton.Engine.Data;
using Baton.Engine.Strategy;
using Baton.Engine.Trading;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Baton.Bench;

/// <summary>
/// The SMA-crossover example with its <c>fast</c> SMA(10) as the built-in indicator and as an external Python
/// component (<c>bench/components/sma.py</c>, written with the helper module), over the same candles.
/// </summary>
public static class ExternalInputs
{
    public static StrategyDefinition BuiltIn() => BenchmarkInputs.WithoutLossLimits(BenchmarkInputs.LoadStrategy());

    /// <summary>The same strategy with <c>fast</c> computed by the Python component.</summary>
    public static StrategyDefinition External()
    {
        var d = BuiltIn();
        string script = Path.Combine(BenchmarkInputs.RepoRoot(), "bench", "components", "sma.py");
        var fast = new ComponentSpec("fast", ComponentKind.Indicator, $"python3 '{script}'", default)
        {
            ParametersJson = """{"period":10}""",
            Timeout = TimeSpan.FromMinutes(10),
            OnError = ComponentErrorPolicy.Fail,
        };
        return d with { Indicators = [.. d.Indicators.Where(i => i.Id != "fast")], Components = [fast] };
    }

    /// <summary>Writes the window file, runs the component over it and parses its lines: everything a backtest does
    /// before its loop. Returns the feed and the report.</summary>
    public static async Task<(ComponentFeed Feed, ComponentReport Report)> RunComponentAsync(CompiledStrategy compiled, Candle[] candles)
    {
        var host = new ComponentHost(new ComponentHostOptions { Limits = new ComponentLimits(MaxOutputBytes: 4L << 30) });
        var run = await host.RunAsync(compiled, new ArraySource(candles), TimeRange.All, NullEventSink.Instance, CancellationToken.None)
            .ConfigureAwait(false);
        return (run.Feed, run.Reports[0]);
    }

    public static double RunEngine(CompiledStrategy compiled, Candle[] candles, ComponentFeed? feed)
    {
        feed?.Rewind();
        var engine = new TradingEngine(compiled, EngineSinks.None, feed);
        foreach (ref readonly var candle in candles.AsSpan()) engine.OnCandle(0, candle);
        engine.Finish();
        return engine.Tracker.Equity;
    }

    /// <summary><c>--components</c>: one run of each phase, timed with a stopwatch, and the trades of both versions.</summary>
    public static int Probe()
    {
        Phases();
        var builtIn = BenchmarkInputs.Compile(BuiltIn());
        var external = BenchmarkInputs.Compile(External());
        var candles = BenchmarkInputs.Candles(builtIn.Definition, 1_000_000);
        RunEngine(builtIn, candles, null);
        var clock = Stopwatch.StartNew();
        var (feed, report) = RunComponentAsync(external, candles).GetAwaiter().GetResult();
        var component = clock.Elapsed;
        RunEngine(external, candles, feed);
        var engines = new List<(string, TimeSpan, double)>();
        foreach (var (name, compiled, f) in new[] { ("built-in", builtIn, (ComponentFeed?)null), ("external", external, feed) })
        {
            clock.Restart();
            double equity = RunEngine(compiled, candles, f);
            engines.Add((name, clock.Elapsed, equity));
        }
        Console.WriteLine($"component run (window file + python + parse): {component.TotalMilliseconds:N0} ms, {report.Accepted:N0} lines accepted, status {report.Status}");
        foreach (var (name, time, equity) in engines)
            Console.WriteLine($"engine loop, {name} fast SMA: {time.TotalMilliseconds:N1} ms, final equity {equity:N2}");
        return report.Status == ComponentStatus.Ok ? 0 : 1;
    }

    /// <summary>The whole component run split in its parts: the window file, the Python process alone (stdout to a
    /// file), and Baton reading and validating those lines (<c>cat</c> of the file as the component).</summary>
    private static void Phases()
    {
        var external = BenchmarkInputs.Compile(External());
        var candles = BenchmarkInputs.Candles(external.Definition, 1_000_000);
        var clock = Stopwatch.StartNew();
        using var window = WindowFile.WriteAsync(new ArraySource(candles), external.Definition, TimeRange.All, CancellationToken.None)
            .GetAwaiter().GetResult();
        Console.WriteLine($"window file, {window.Rows:N0} candles: {clock.Elapsed.TotalMilliseconds:N0} ms");
        string output = Path.Combine(window.Folder, "lines.jsonl");
        var spec = external.Components[0].Spec;
        var context = new ComponentRunContext(external.Definition.Symbols, external.Definition.Timeframe, window.First, window.Last,
            Directory.GetCurrentDirectory(), null);
        var info = ComponentEnvironment.StartInfo(spec, context, new ComponentDataLocation("window", window.Path, null, null), "backtest");
        info.RedirectStandardOutput = false;
        info.ArgumentList.Clear();
        info.FileName = "sh";
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"python3 '{Path.Combine(BenchmarkInputs.RepoRoot(), "bench", "components", "sma.py")}' > '{output}'");
        clock.Restart();
        using (var python = Process.Start(info)!) python.WaitForExit();
        Console.WriteLine($"python sma.py alone (read window, compute, print to a file): {clock.Elapsed.TotalMilliseconds:N0} ms, " +
                          $"{new FileInfo(output).Length / 1e6:N1} MB");
        var cat = external.Definition with
        {
            Components = [spec with { Command = $"cat '{output}'", Data = ComponentDataMode.Source }],
        };
        var host = new ComponentHost(new ComponentHostOptions(DataSourceKind.Csv, window.Path) { Limits = new ComponentLimits(MaxOutputBytes: 4L << 30) });
        clock.Restart();
        var run = host.RunAsync(BenchmarkInputs.Compile(cat), new ArraySource(candles), TimeRange.All, NullEventSink.Instance, CancellationToken.None)
            .GetAwaiter().GetResult();
        Console.WriteLine($"Baton reading and validating those lines (cat as the component): {clock.Elapsed.TotalMilliseconds:N0} ms, " +
                          $"{run.Reports[0].Accepted:N0} accepted");
    }

    /// <summary>Candles of one symbol already in memory.</summary>
    private sealed class ArraySource(Candle[] candles) : ICandleSource
    {
        public string Description => "memory";

        public ValueTask<IReadOnlyList<ICandleStream>> OpenAsync(IReadOnlyList<string> symbols, Timeframe timeframe, TimeRange range,
            CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<ICandleStream>>([new Stream(symbols[0], candles)]);

        private sealed class Stream(string symbol, Candle[] candles) : ICandleStream
        {
            private int _next;

            public string Symbol => symbol;

            public ValueTask<int> ReadAsync(Memory<Candle> buffer, CancellationToken cancellationToken)
            {
                int n = Math.Min(buffer.Length, candles.Length - _next);
                candles.AsSpan(_next, n).CopyTo(buffer.Span);
                _next += n;
                return ValueTask.FromResult(n);
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}

/// <summary>The per-candle cost of the join: the engine loop with the built-in SMA vs with the external SMA's
/// outputs already parsed (the feed is rewound before each run; no process runs here).</summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class ExternalIndicatorLoop
{
    private CompiledStrategy _builtIn = null!;
    private CompiledStrategy _external = null!;
    private ComponentFeed _feed = null!;
    private Candle[] _candles = [];

    [Params(1_000_000)]
    public int Candles { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _builtIn = BenchmarkInputs.Compile(ExternalInputs.BuiltIn());
        _external = BenchmarkInputs.Compile(ExternalInputs.External());
        _candles = BenchmarkInputs.Candles(_builtIn.Definition, Candles);
        _feed = ExternalInputs.RunComponentAsync(_external, _candles).GetAwaiter().GetResult().Feed;
    }

    [Benchmark(Baseline = true, Description = "loop, built-in sma")]
    public double BuiltIn() => ExternalInputs.RunEngine(_builtIn, _candles, null);

    [Benchmark(Description = "loop, external sma (parsed)")]
    public double External() => ExternalInputs.RunEngine(_external, _candles, _feed);
}

/// <summary>A whole backtest with the external SMA: window file, Python process, parsing, then the loop; against the
/// loop with the built-in SMA. Few iterations: one invocation takes seconds.</summary>
[MemoryDiagnoser]
[Config(typeof(WholeRunConfig))]
public class ExternalIndicatorRun
{
    private CompiledStrategy _builtIn = null!;
    private CompiledStrategy _external = null!;
    private Candle[] _candles = [];

    [Params(1_000_000)]
    public int Candles { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _builtIn = BenchmarkInputs.Compile(ExternalInputs.BuiltIn());
        _external = BenchmarkInputs.Compile(ExternalInputs.External());
        _candles = BenchmarkInputs.Candles(_builtIn.Definition, Candles);
    }

    [Benchmark(Baseline = true, Description = "backtest, built-in sma")]
    public double BuiltIn() => ExternalInputs.RunEngine(_builtIn, _candles, null);

    [Benchmark(Description = "backtest, external sma (whole)")]
    public double External() =>
        ExternalInputs.RunEngine(_external, _candles, ExternalInputs.RunComponentAsync(_external, _candles).GetAwaiter().GetResult().Feed);
}

/// <summary>1 warm-up and 3 measured iterations of one invocation, adding candles/s and bytes/candle.</summary>
public sealed class WholeRunConfig : ManualConfig
{
    public WholeRunConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3).WithInvocationCount(1).WithUnrollFactor(1).WithId("Whole"));
        AddColumn(new PerCandleColumn("Candles/s", PerCandleColumn.Kind.Throughput));
        AddColumn(new PerCandleColumn("B/candle", PerCandleColumn.Kind.Allocation));
    }
}
