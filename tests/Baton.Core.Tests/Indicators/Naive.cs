namespace Baton.Core.Tests.Indicators;

/// <summary>
/// Straightforward O(n · period) recomputations from the published definitions, over whole arrays.
/// Inputs may start with NaN (an upstream warm-up); each function starts at the first valid input and
/// returns NaN where it has no value yet.
/// </summary>
public static class Naive
{
    public static double[] NaNs(int length)
    {
        var a = new double[length];
        Array.Fill(a, double.NaN);
        return a;
    }

    public static int FirstValid(double[] x)
    {
        int i = 0;
        while (i < x.Length && double.IsNaN(x[i])) i++;
        return i;
    }

    public static double[] Map(double[] x, Func<double, double> f)
    {
        var r = new double[x.Length];
        for (int i = 0; i < x.Length; i++) r[i] = f(x[i]);
        return r;
    }

    public static double[] Zip(double[] x, double[] y, Func<double, double, double> f)
    {
        var r = new double[x.Length];
        for (int i = 0; i < x.Length; i++) r[i] = double.IsNaN(x[i]) || double.IsNaN(y[i]) ? double.NaN : f(x[i], y[i]);
        return r;
    }

    /// <summary>f over each full window x[i−period+1..i], passed as a span.</summary>
    public static double[] Window(double[] x, int period, Func<double[], double> f)
    {
        var r = NaNs(x.Length);
        for (int i = FirstValid(x) + period - 1; i < x.Length; i++) r[i] = f(x[(i - period + 1)..(i + 1)]);
        return r;
    }

    public static double Mean(double[] w)
    {
        double s = 0;
        foreach (var v in w) s += v;
        return s / w.Length;
    }

    public static double PopulationStdDev(double[] w)
    {
        double m = Mean(w), s = 0;
        foreach (var v in w) s += (v - m) * (v - m);
        return Math.Sqrt(s / w.Length);
    }

    public static double Max(double[] w) => w.Max();

    public static double Min(double[] w) => w.Min();

    public static double[] Sma(double[] x, int period) => Window(x, period, Mean);

    public static double[] Wma(double[] x, int period) => Window(x, period, w =>
    {
        double s = 0;
        for (int j = 0; j < w.Length; j++) s += (j + 1) * w[j];
        return s / (period * (period + 1) / 2.0);
    });

    /// <summary>Recursive average: seeded with the mean of the first <paramref name="period"/> values, then
    /// avg += alpha · (x − avg).</summary>
    public static double[] Smoothed(double[] x, int period, double alpha)
    {
        var r = NaNs(x.Length);
        int seed = FirstValid(x) + period - 1;
        if (seed >= x.Length) return r;
        r[seed] = Mean(x[(seed - period + 1)..(seed + 1)]);
        for (int i = seed + 1; i < x.Length; i++) r[i] = r[i - 1] + alpha * (x[i] - r[i - 1]);
        return r;
    }

    public static double[] Ema(double[] x, int period) => Smoothed(x, period, 2.0 / (period + 1));

    public static double[] Rma(double[] x, int period) => Smoothed(x, period, 1.0 / period);

    /// <summary>x[i] − x[i − lag].</summary>
    public static double[] Difference(double[] x, int lag)
    {
        var r = NaNs(x.Length);
        for (int i = FirstValid(x) + lag; i < x.Length; i++) r[i] = x[i] - x[i - lag];
        return r;
    }

    public static double[] TrueRange(MarketData d)
    {
        var r = NaNs(d.Length);
        for (int i = 1; i < d.Length; i++)
            r[i] = Math.Max(d.High[i], d.Close[i - 1]) - Math.Min(d.Low[i], d.Close[i - 1]);
        return r;
    }

    public static double[] Atr(MarketData d, int period) => Rma(TrueRange(d), period);

    public static double[] Typical(MarketData d)
    {
        var r = new double[d.Length];
        for (int i = 0; i < d.Length; i++) r[i] = (d.High[i] + d.Low[i] + d.Close[i]) / 3.0;
        return r;
    }

    /// <summary>Wilder's RSI: Wilder averages of gains and losses; 0 when both are 0.</summary>
    public static double[] Rsi(double[] x, int period)
    {
        var change = Difference(x, 1);
        var gains = Rma(Map(change, c => double.IsNaN(c) ? c : Math.Max(c, 0)), period);
        var losses = Rma(Map(change, c => double.IsNaN(c) ? c : Math.Max(-c, 0)), period);
        return Zip(gains, losses, (g, l) => g + l == 0 ? 0 : 100 * g / (g + l));
    }
}
