using Baton.Core.Market;

namespace Baton.Core.Tests.Indicators;

/// <summary>Seeded candle series for edge cases the reference files do not contain.</summary>
public static class GeneratedCandles
{
    private static readonly long Start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>A random walk of <paramref name="count"/> bars around <paramref name="level"/>.</summary>
    public static Candle[] Walk(int count, double level, double step, int seed, long interval = Timeframe.Day)
    {
        var random = new Random(seed);
        var candles = new Candle[count];
        double close = level;
        for (int i = 0; i < count; i++)
        {
            double open = close;
            close = Math.Max(step, close + step * (random.NextDouble() * 2 - 1));
            double high = Math.Max(open, close) + step * random.NextDouble();
            double low = Math.Max(step / 10, Math.Min(open, close) - step * random.NextDouble());
            candles[i] = new Candle(Start + i * interval, open, high, low, close, Math.Round(1000 * random.NextDouble()));
        }
        return candles;
    }

    /// <summary><paramref name="count"/> identical bars at <paramref name="price"/> (high = low = close).</summary>
    public static Candle[] Flat(int count, double price, double volume)
    {
        var candles = new Candle[count];
        for (int i = 0; i < count; i++) candles[i] = new Candle(0, price, price, price, price, volume);
        return candles;
    }

    /// <summary>Concatenates parts and renumbers open times consecutively from 2024-01-01.</summary>
    public static Candle[] Join(long interval, params Candle[][] parts)
    {
        var all = parts.SelectMany(p => p).ToArray();
        for (int i = 0; i < all.Length; i++) all[i] = all[i] with { OpenTime = Start + i * interval };
        return all;
    }

    /// <summary>Walk, then flat bars without volume, flat bars with volume, zero-volume walk, walk again.</summary>
    public static Candle[] Degenerate()
    {
        var quiet = Walk(200, 50, 1, seed: 3).Select(c => c with { Volume = 0 }).ToArray();
        return Join(Timeframe.Day, Walk(150, 100, 2, seed: 1), Flat(300, 100, 0), Flat(200, 100, 500), quiet,
            Walk(200, 20, 0.5, seed: 2));
    }
}
