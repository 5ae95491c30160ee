using Baton.Core.Market;
using Baton.Core.Orders;
using Baton.Engine.Live.Messages;
using Baton.Engine.Strategy;

namespace Baton.Redis.Tests;

/// <summary>The live tests' strategy: one daily symbol "A", buying on the external signal <c>ml.long</c> and closing on
/// <c>ml.short</c>, one unit at a time; and its candles as live messages.</summary>
internal static class SignalledStrategy
{
    public static readonly StrategyDefinition Definition = new()
    {
        Name = "signalled",
        Symbols = ["A"],
        Timeframe = Timeframe.OneDay,
        Data = new DataSpec(),
        InitialCash = 10_000m,
        Components = [new ComponentSpec("ml", ComponentKind.Signal, "unused-live", default)],
        Entry = [new RuleSpec("ml.long", TradeAction.Buy, default)],
        Exit = new ExitSpec { Signals = [new RuleSpec("ml.short", TradeAction.Close, default)] },
        Sizing = new SizingSpec { Kind = SizingKind.Quantity, Value = 1 },
    };

    /// <summary>Day <paramref name="day"/>'s candle of "A" from the publisher "feed" (its sequence number is day + 1).</summary>
    public static string Candle(int day) => LiveMessageWriter.Candle("feed", day + 1, "A", Timeframe.OneDay,
        new Candle(day * Timeframe.Day, 100 + day, 101 + day, 99 + day, 100.5 + day, 10));
}
