using Baton.Core.Market;
using Baton.Core.Signals;
using Baton.Engine.Backtest;
using Baton.Engine.Compilation;
using Baton.Engine.Data;
using Baton.Engine.Strategy;
using Baton.Engine.Trading;

namespace Baton.Engine.Tests.Trading;

/// <summary>Candles held in memory, one array per symbol.</summary>
internal sealed class MemoryCandleSource(params Candle[][] perSymbol) : ICandleSource
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

internal static class TestStrategies
{
    public const long Day = Timeframe.Day;

    /// <summary>Daily candles from a list of closes: open = previous close, high/low 1% around.</summary>
    public static Candle[] FromCloses(params double[] closes) =>
        closes.Select((c, i) =>
        {
            double open = i == 0 ? c : closes[i - 1];
            return new Candle(i * Day, open, Math.Max(open, c) * 1.01, Math.Min(open, c) * 0.99, c, 1000);
        }).ToArray();

    /// <summary>A strategy on close vs. a level: buys when close crosses above <c>level</c>, sells when below.</summary>
    public static StrategyDefinition Level(double level, params string[] symbols) => new()
    {
        Name = "level",
        Symbols = symbols.Length == 0 ? ["A"] : symbols,
        Timeframe = Timeframe.OneDay,
        Data = new DataSpec(),
        InitialCash = 10_000m,
        Signals =
        [
            new SignalSpec("up", "threshold", Threshold(level, "above"), default),
            new SignalSpec("down", "threshold", Threshold(level, "below"), default),
        ],
        Entry = [new RuleSpec("up", TradeAction.Buy, default)],
        Exit = new ExitSpec { Signals = [new RuleSpec("down", TradeAction.Sell, default)] },
        Sizing = new SizingSpec { Kind = SizingKind.Quantity, Value = 10 },
    };

    private static SignalValues Threshold(double level, string direction) => new(
        new Dictionary<string, string> { ["input"] = "close" }, new Dictionary<string, double> { ["level"] = level },
        new Dictionary<string, string> { ["direction"] = direction });

    public static BacktestResult Run(StrategyDefinition d, EventLog? log = null, TimeRange? range = null, params Candle[][] data) =>
        BacktestRunner.RunAsync(StrategyCompiler.Compile(d), new MemoryCandleSource(data), range ?? TimeRange.All,
            new EngineSinks(log), null, null, CancellationToken.None).GetAwaiter().GetResult();
}
