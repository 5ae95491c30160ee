using Baton.Core.Market;
using Baton.Engine.Live.Sessions;

namespace Baton.Engine.Live.Messages;

/// <summary>The streams of live mode. Producers write <see cref="Prices"/>, <see cref="Signals"/> and
/// <see cref="Control"/>; the orchestrator writes <see cref="Events"/> and the dead-letter streams.</summary>
public static class LiveStreams
{
    public const string Prices = "prices:live";
    public const string Signals = "signals:live";
    public const string Control = "control:live";
    public const string Events = "events:live";

    /// <summary>The streams the orchestrator consumes, in the order it reads them.</summary>
    public static readonly IReadOnlyList<string> Inputs = [Control, Signals, Prices];

    /// <summary>Where invalid or undeliverable entries of <paramref name="stream"/> go: <c>prices:dead</c> for <c>prices:live</c>.</summary>
    public static string DeadLetter(string stream) => stream.Split(':')[0] + ":dead";

    /// <summary>The field of a stream entry that holds the JSON message.</summary>
    public const string DataField = "data";
}

/// <summary>What a live message is.</summary>
public enum LiveMessageKind
{
    /// <summary>A closed candle of the strategy's timeframe, on <c>prices:live</c>.</summary>
    Candle,
    /// <summary>A trade (or a quote's mid price, size 0) on <c>prices:live</c>, aggregated into candles of the strategy's
    /// timeframe; a bar closes when the first trade of a later bar of its symbol arrives.</summary>
    Trade,
    /// <summary>An event of an external signal, on <c>signals:live</c>.</summary>
    Signal,
    /// <summary>Stop trading, on <c>control:live</c> (or from <c>LiveSession.StopAsync</c>).</summary>
    Stop,
}

/// <summary>
/// One parsed live message (schema version <see cref="LiveMessageParser.Version"/>, see docs/live.md). Every message names
/// its <see cref="Producer"/> and that producer's <see cref="Sequence"/> number; <see cref="Key"/> is the idempotency key the
/// journal keeps unique: <c>candle/SYMBOL/OPEN_MS</c>, <c>trade/PRODUCER/ID</c> (id or seq), <c>signal/PRODUCER/ID</c> or <c>stop/PRODUCER/ID</c>.
/// </summary>
public sealed record LiveMessage(LiveMessageKind Kind, string Producer, long Sequence, string Key)
{
    /// <summary>Candle and signal: the symbol (a name of the strategy's list).</summary>
    public string Symbol { get; init; } = "";

    /// <summary>Candle: its open time in Unix ms UTC, and prices. Trade: its time, the price in all four prices, the size as volume.</summary>
    public Candle Candle { get; init; }

    /// <summary>Signal: the id of the strategy's external signal it sets (<c>type: external</c> in <c>dependencies.signals</c>).</summary>
    public string Signal { get; init; } = "";

    /// <summary>Signal: one of the signal's declared extra names, or null for the signal itself.</summary>
    public string? Name { get; init; }

    /// <summary>Signal: −1 short, 0 flat, +1 long.</summary>
    public int Direction { get; init; }

    /// <summary>Signal: a strength the rules can read as <c>id.strength</c> (default 1).</summary>
    public double Strength { get; init; } = 1;

    /// <summary>Stop: why.</summary>
    public string Reason { get; init; } = "";

    /// <summary>Stop: the name of the one strategy it stops, or <see cref="AllStrategies"/> (also when the message names none).</summary>
    public string Target { get; init; } = AllStrategies;

    /// <summary>The <see cref="Target"/> of a stop aimed at every strategy on the bus.</summary>
    public const string AllStrategies = "*";
}
