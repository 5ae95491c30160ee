using Baton.Core.Market;
using Baton.Engine.Compilation;
using Baton.Engine.Live;
using Baton.Engine.Live.Journal;
using Baton.Engine.Live.Messages;
using Baton.Engine.Strategy;
using Baton.Engine.Tests.Trading;

namespace Baton.Engine.Tests.Live;

/// <summary>Strategies and message helpers for the live tests.</summary>
internal static class LiveStrategies
{
    /// <summary>Buys 1 unit when external signal <c>ml</c> says long, closes when it says short.</summary>
    public static StrategyDefinition Signalled(params string[] symbols) => new()
    {
        Name = "signalled",
        Symbols = symbols.Length == 0 ? ["A"] : symbols,
        Timeframe = Timeframe.OneDay,
        Data = new DataSpec(),
        InitialCash = 10_000m,
        Components = [new ComponentSpec("ml", ComponentKind.Signal, "unused-live", default)],
        Entry = [new RuleSpec("ml.long", TradeAction.Buy, default)],
        Exit = new ExitSpec { Signals = [new RuleSpec("ml.short", TradeAction.Close, default)] },
        Sizing = new SizingSpec { Kind = SizingKind.Quantity, Value = 1 },
    };

    public static JournalHeader Header(StrategyDefinition d) => new(d.Name, "memory", d.Name + "-text", 0);

    public static CompiledStrategy Compile(StrategyDefinition d) => StrategyCompiler.Compile(d);

    public static string Candle(long seq, Candle c, string symbol = "A") =>
        LiveMessageWriter.Candle("feed", seq, symbol, Timeframe.OneDay, c);

    public static string Signal(long seq, int direction, string symbol = "A", string? id = null) =>
        LiveMessageWriter.Signal("model", seq, id ?? "s" + seq, symbol, "ml", direction);

    /// <summary>Daily candles, close rising by 1 from 100.</summary>
    public static Candle[] Rising(int n) => TestStrategies.FromCloses([.. Enumerable.Range(0, n).Select(i => 100.0 + i)]);
}
