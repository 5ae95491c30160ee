using System.Globalization;
using Baton.Core.Indicators;
using Baton.Core.Market;
using Baton.Core.Orders;
using Baton.Core.Signals;
using Baton.Engine.Live;
using Baton.Engine.Live.Messages;
using Baton.Engine.Strategy;

namespace Baton.Engine.Tests.Live;

/// <summary>Strategies and seeded message streams for the snapshot tests: random-walk candles (or trades) for every symbol,
/// external signals now and then, a stop when asked.</summary>
internal static class SnapshotFeed
{
    /// <summary>Every indicator type in the registry (default parameters), one of them on a higher timeframe, and every
    /// signal type of the catalogue (<see cref="EverySignal"/>), traded on an
    /// external signal with limit entries that expire, brackets, a trailing stop and risk limits: state of every kind.</summary>
    public static StrategyDefinition EveryIndicator(params string[] symbols) => new()
    {
        Name = "every_indicator",
        Symbols = symbols,
        Timeframe = new Timeframe(Timeframe.Hour),
        Data = new DataSpec(),
        InitialCash = 100_000m,
        Indicators =
        [
            .. IndicatorRegistry.Descriptors.Select(x => new IndicatorSpec("i_" + x.Name, x.Name,
                x.Parameters.ToDictionary(p => p.Name, p => p.Default), "close", null, default)),
            new IndicatorSpec("daily_sma", "sma", new Dictionary<string, double> { ["period"] = 3 }, "close", Timeframe.OneDay, default),
        ],
        Signals = [.. SignalRegistry.Descriptors.Select(EverySignal)],
        Components = [new ComponentSpec("ml", ComponentKind.Signal, "unused-live", default)],
        Entry =
        [
            new RuleSpec("ml.long and i_rsi < 90", TradeAction.Buy, default,
                Order: new OrderSpec { Type = OrderType.Limit, Limit = new PriceDistance(DistanceKind.Fraction, -0.002), ExpireAfterCandles = 3 }),
            new RuleSpec("ml.short and daily_sma > 0", TradeAction.Short, default),
        ],
        Exit = new ExitSpec
        {
            StopLoss = new PriceDistance(DistanceKind.Fraction, 0.03),
            TakeProfit = new PriceDistance(DistanceKind.Fraction, 0.05),
            TrailingStop = new PriceDistance(DistanceKind.Fraction, 0.04),
            Signals = [new RuleSpec("ml.short", TradeAction.Sell, default), new RuleSpec("ml.long", TradeAction.Cover, default)],
        },
        Risk = new RiskSpec { MaxDrawdown = 0.5, DailyLoss = 0.2, MaxPositions = 2 },
        Sizing = new SizingSpec { Kind = SizingKind.Quantity, Value = 3 },
    };

    /// <summary>A signal of the type with its required arguments: series on the RSI (an oscillator around the level 50),
    /// windows of 5 bars, the first word of each choice; the channel of a breakout from the Donchian indicator.</summary>
    private static SignalSpec EverySignal(SignalDescriptor d) => new("s_" + d.Name, d.Name, new SignalValues(
        d.Arguments.Where(a => a.Kind == SignalArgumentKind.Series && (a.Required || a.Name is "upper" or "lower"))
            .ToDictionary(a => a.Name, a => a.Name is "upper" or "lower" ? "i_donchian." + a.Name : "i_rsi"),
        d.Arguments.Where(a => a is { Kind: SignalArgumentKind.Number, Required: true }).ToDictionary(a => a.Name, a => a.IsInteger ? 5.0 : 50.0),
        d.Arguments.Where(a => a is { Kind: SignalArgumentKind.Choice, Required: true }).ToDictionary(a => a.Name, a => a.Choices[0])), default);

    /// <summary>Messages in order, as (stream, JSON): per bar a candle (a random walk in trends that turn) (or three trades) of each symbol, then with
    /// probability 0.4 a signal of each external signal for a random symbol; a stop after bar <paramref name="stopAt"/>.</summary>
    public static List<(string Stream, string Json)> Messages(StrategyDefinition d, int bars, int seed, bool trades = false, int stopAt = -1)
    {
        var rng = new Random(seed);
        var price = d.Symbols.Select(_ => 100.0).ToArray();
        var list = new List<(string, string)>();
        long seq = 0, tf = d.Timeframe.Milliseconds;
        for (int bar = 0; bar < bars; bar++)
        {
            for (int s = 0; s < d.Symbols.Count; s++)
            {
                double drift = (bar / 40) % 2 == 0 ? 0.006 : -0.006;   // trends that turn every 40 bars, so every rule fires
                double open = price[s], close = open * (1 + drift + ((rng.NextDouble() - 0.5) * 0.03));
                price[s] = close;
                if (trades)
                    for (int k = 0; k < 3; k++)
                        list.Add((LiveStreams.Prices, LiveMessageWriter.Trade("feed", ++seq, d.Symbols[s], (bar * tf) + (k * tf / 3), k == 2 ? close : open * (1 + (0.01 * (k - 0.5))), 1 + k)));
                else
                    list.Add((LiveStreams.Prices, LiveMessageWriter.Candle("feed", ++seq, d.Symbols[s], d.Timeframe,
                        new Candle(bar * tf, open, Math.Max(open, close) * 1.005, Math.Min(open, close) * 0.995, close, 1000 + rng.Next(1000)))));
            }
            foreach (var c in d.Components.Where(c => c.Kind == ComponentKind.Signal))
                if (rng.NextDouble() < 0.4)
                    list.Add((LiveStreams.Signals, LiveMessageWriter.Signal("model", ++seq, "s" + seq.ToString(CultureInfo.InvariantCulture),
                        d.Symbols[rng.Next(d.Symbols.Count)], c.Id, rng.Next(2) == 0 ? 1 : -1)));
            if (bar == stopAt) list.Add((LiveStreams.Control, LiveMessageWriter.Stop("ops", ++seq, "stop1", "maintenance")));
        }
        return list;
    }

    public static LiveMessage Parse((string Stream, string Json) message, int index) =>
        LiveMessageParser.Parse(message.Stream, (index + 1).ToString(CultureInfo.InvariantCulture) + "-0", message.Json);

    /// <summary>The folder holding Baton.slnx.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Baton.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException("Baton.slnx not found above " + AppContext.BaseDirectory);
    }
}
