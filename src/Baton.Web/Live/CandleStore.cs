using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Baton.Web.Live;

/// <summary>
/// The last <see cref="Kept"/> candles of each symbol seen on <c>prices:live</c> (at most <see cref="MaxSymbols"/> symbols),
/// for the Live page's price charts: one per open time (a later one with the same time replaces it), in time order.
/// Candles are taken as published: the session may still refuse one (the dashboard is a watcher, not the engine); trades and
/// quotes are not drawn. Thread-safe.
/// </summary>
internal sealed class CandleStore
{
    public const int Kept = 2_000;
    public const int MaxSymbols = 256;
    private readonly Dictionary<string, List<double[]>> _bars = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Takes the JSON of one <c>prices:live</c> entry; returns the candle as the page draws it
    /// (<c>[ts, open, high, low, close]</c>, ts in Unix ms) with its symbol, or null when it is not a usable candle.</summary>
    public (string Symbol, double[] Bar)? Take(string? data)
    {
        if (Parse(data) is not { } candle) return null;
        lock (_lock)
        {
            if (!_bars.TryGetValue(candle.Symbol, out var list))
            {
                if (_bars.Count >= MaxSymbols) return null;
                _bars[candle.Symbol] = list = [];
            }
            Insert(list, candle.Bar);
        }
        return candle;
    }

    /// <summary>The kept candles of <paramref name="symbols"/>: <c>{"BTCUSDT": [[ts, o, h, l, c], ...]}</c>.</summary>
    public JsonObject For(IReadOnlyList<string> symbols)
    {
        var result = new JsonObject();
        lock (_lock)
            foreach (var s in symbols.Distinct())
                result[s] = new JsonArray([.. (_bars.GetValueOrDefault(s) ?? []).Select(b => (JsonNode)new JsonArray([.. b.Select(v => (JsonNode)v)]))]);
        return result;
    }

    private static void Insert(List<double[]> list, double[] bar)
    {
        int at = list.BinarySearch(bar, Comparer<double[]>.Create((a, b) => a[0].CompareTo(b[0])));
        if (at >= 0) list[at] = bar;
        else if (~at > 0 || list.Count < Kept) list.Insert(~at, bar);
        if (list.Count > Kept) list.RemoveRange(0, list.Count - Kept);
    }

    private static (string Symbol, double[] Bar)? Parse(string? data)
    {
        if (data is null) return null;
        try
        {
            if (JsonNode.Parse(data) is not JsonObject o || (string?)o["type"] != "candle" || (string?)o["symbol"] is not { Length: > 0 and <= 64 } symbol)
                return null;
            if (Time(o["ts"]) is not { } ts) return null;
            double[] bar = [ts, Number(o["open"]), Number(o["high"]), Number(o["low"]), Number(o["close"])];
            return bar.All(double.IsFinite) ? (symbol, bar) : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static double Number(JsonNode? node) => node is JsonValue v && v.TryGetValue(out double d) ? d : double.NaN;

    /// <summary>Unix ms, or ISO-8601 UTC text, as the message schema allows.</summary>
    private static long? Time(JsonNode? node)
    {
        if (node is not JsonValue v) return null;
        if (v.TryGetValue(out long ms)) return ms;
        return v.TryGetValue(out string? text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToUnixTimeMilliseconds() : null;
    }
}
