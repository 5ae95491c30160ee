using Baton.Core.Market;
using Baton.Engine.Backtest;
using Baton.Engine.Components;
using Baton.Engine.Data;
using Baton.Engine.Data.Synthetic;
using Baton.Engine.Events;
using Baton.Engine.Strategy;
using Baton.Engine.Trading;
using Baton.Runs.Backtests;
using Baton.Yaml;

namespace Baton.Components.Tests;

/// <summary>Strategies with external components written as real Python scripts in a temp folder, and backtests of them.</summary>
internal sealed class Harness : IDisposable
{
    /// <summary>Open time of the first synthetic candle (2024-01-01T00:00:00Z) and the bar length (1h).</summary>
    public const long Start = 1_704_067_200_000;
    public const long Hour = 3_600_000;

    public Harness()
    {
        Folder = Path.Combine(Path.GetTempPath(), "baton-components-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    /// <summary>The repository root (the folder holding Baton.slnx).</summary>
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>Writes <paramref name="python"/> to <c>name</c> in the folder; returns the command that runs it.</summary>
    public string Script(string name, string python)
    {
        File.WriteAllText(Path.Combine(Folder, name), python.Replace("\r\n", "\n", StringComparison.Ordinal));
        return "python3 " + name;
    }

    /// <summary>A strategy over <paramref name="bars"/> synthetic 1h candles of AAA (and BBB when asked) whose
    /// <c>dependencies</c> block is <paramref name="dependencies"/>; orders fill at the deciding close.</summary>
    public StrategyDefinition Strategy(string dependencies, string entry, string exit = "", int bars = 40, bool twoSymbols = false)
    {
        string yaml = $$"""
            name: components_test
            symbols: [{{(twoSymbols ? "AAA, BBB" : "AAA")}}]
            timeframe: 1h
            data: { source: synthetic, bars: {{bars}}, seed: 7, start: 2024-01-01, start_price: 100, volatility: 0.001 }
            dependencies:
            {{Indent(dependencies)}}
            entry:
              - { when: "{{entry}}", action: buy }
            {{(exit.Length > 0 ? $"exit:\n  signals:\n    - {{ when: \"{exit}\", action: close }}" : "")}}
            sizing: { type: quantity, value: 1 }
            execution: { fill: close }
            """;
        string path = Path.Combine(Folder, "strategy.yaml");
        File.WriteAllText(path, yaml);
        return StrategyLoader.Load(path);
    }

    public static async Task<(BacktestResult Result, EventLog Events)> BacktestAsync(StrategyDefinition d, ComponentLimits? limits = null,
        string? outputDirectory = null)
    {
        var events = new EventLog();
        var host = new ComponentHost(new ComponentHostOptions { Limits = limits ?? ComponentLimits.Default });
        var spec = new BacktestSpec(d, new SyntheticCandleSource(d.Data), TimeRange.All)
        {
            Events = events, Components = host, Output = outputDirectory is null ? null : new RunOutput(outputDirectory, Report: false),
        };
        var result = await BacktestRun.RunAsync(spec, null, CancellationToken.None);
        return (result, events);
    }

    public static IEnumerable<string> Logs(EventLog events, string level) =>
        events.Events.OfType<MessageLogged>().Where(e => WireNames.Of(e.Level) == level).Select(e => e.Message);

    public static ComponentReport Single(BacktestResult result) => Assert.Single(result.Components);

    /// <summary>Time of candle <paramref name="i"/>'s close, when decisions on it are made.</summary>
    public static long CloseOf(int i) => Start + (i + 1) * Hour;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Indent(string text) =>
        string.Join('\n', text.Trim('\n').Split('\n').Select(l => "  " + l));

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Baton.slnx"))) return d.FullName;
        throw new InvalidOperationException("Baton.slnx not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Candles held in memory, one array per symbol.</summary>
internal sealed class MemorySource(params Candle[][] perSymbol) : ICandleSource
{
    public string Description => "memory";

    public ValueTask<IReadOnlyList<ICandleStream>> OpenAsync(IReadOnlyList<string> symbols, Timeframe timeframe, TimeRange range,
        CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<ICandleStream>>(
            symbols.Select((s, i) => (ICandleStream)new Stream(s, perSymbol[i].Where(c => range.Contains(c.OpenTime)).ToArray())).ToList());

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
