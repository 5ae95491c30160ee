namespace Baton.Research.Robustness;

/// <summary>A sample summarised: percentiles 5, 25, 50, 75 and 95 (linear interpolation between order statistics,
/// <c>x[(n−1)·q]</c>, Hyndman and Fan's type 7, numpy's default), the mean, and a histogram of equal-width bins.</summary>
public sealed record Distribution(double P5, double P25, double P50, double P75, double P95, double Mean, Histogram Histogram)
{
    public const int DefaultBins = 20;

    /// <summary>The summary of <paramref name="values"/> (at least one, all finite).</summary>
    public static Distribution Of(IReadOnlyList<double> values, int bins = DefaultBins)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("a distribution needs at least one value", nameof(values));
        var sorted = values.ToArray();
        Array.Sort(sorted);
        double sum = 0;
        foreach (double v in sorted) sum += v;
        return new Distribution(Percentile(sorted, 0.05), Percentile(sorted, 0.25), Percentile(sorted, 0.50),
            Percentile(sorted, 0.75), Percentile(sorted, 0.95), sum / sorted.Length, Histogram.Of(sorted, bins));
    }

    /// <summary>Type-7 percentile of an ascending sample.</summary>
    internal static double Percentile(double[] sorted, double q)
    {
        double h = (sorted.Length - 1) * q;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}

/// <summary>Counts of a sample in bins: <c>Edges</c> has one more element than <c>Counts</c>; bin i holds
/// <c>[edges[i], edges[i+1])</c>, the last bin also its upper edge. A sample of one value (up to rounding: a spread
/// within 1e-9 of its magnitude, as the final equities of reshuffled trades, the same product taken in other orders)
/// has one bin from its minimum to its maximum.</summary>
public sealed record Histogram(IReadOnlyList<double> Edges, IReadOnlyList<int> Counts)
{
    internal static Histogram Of(double[] sorted, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        double min = sorted[0], max = sorted[^1];
        if (!(max - min > 1e-9 * Math.Max(Math.Abs(min), Math.Abs(max)))) return new Histogram([min, max], [sorted.Length]);
        var edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) edges[i] = i == bins ? max : min + (max - min) * i / bins;
        var counts = new int[bins];
        foreach (double v in sorted)
        {
            int b = (int)((v - min) / (max - min) * bins);
            counts[Math.Clamp(b, 0, bins - 1)]++;
        }
        return new Histogram(edges, counts);
    }
}
