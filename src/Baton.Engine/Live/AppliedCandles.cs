using System.Globalization;
using Baton.Core.Market;
using Baton.Engine.Live.Messages;

namespace Baton.Engine.Live;

/// <summary>
/// The prices of every candle applied, by idempotency key (<c>candle/SYMBOL/TS</c>): an entry with a key already applied
/// is a duplicate when its prices are the same, and a correction (reported, not applied) when they differ. Keeps the
/// close, to name it, and a fingerprint of the five numbers, so a correction of any of them is seen.
/// </summary>
internal sealed class AppliedCandles
{
    private readonly Dictionary<string, (double Close, long Prices)> _candles = new(StringComparer.Ordinal);

    /// <summary>Remembers <paramref name="m"/> when it is a candle (other kinds have no prices to compare).</summary>
    public void Add(LiveMessage m)
    {
        if (m.Kind == LiveMessageKind.Candle) _candles[m.Key] = (m.Candle.Close, Fingerprint(m.Candle));
    }

    /// <summary>Why <paramref name="m"/>, whose key was applied already, is a correction; null when it repeats the candle applied.</summary>
    public string? Correction(LiveMessage m)
    {
        if (m.Kind != LiveMessageKind.Candle || !_candles.TryGetValue(m.Key, out var applied) || applied.Prices == Fingerprint(m.Candle)) return null;
        return $"correction: candle of {m.Symbol} at {m.Candle.OpenTime} was applied with close {Show(applied.Close)}, this one has close " +
            $"{Show(m.Candle.Close)} (or other prices): not applied, the decisions made on the first one stand";
    }

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A 64-bit mix of the five numbers' bits (the same on every run: no per-process seed).</summary>
    private static long Fingerprint(in Candle c)
    {
        ulong h = 14695981039346656037UL;
        foreach (double v in (ReadOnlySpan<double>)[c.Open, c.High, c.Low, c.Close, c.Volume])
            h = (h ^ (ulong)BitConverter.DoubleToInt64Bits(v)) * 1099511628211UL;
        return (long)h;
    }
}
