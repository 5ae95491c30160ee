namespace Baton.Core.Tests.Indicators;

/// <summary>Naive recomputations of oscillators and volume indicators without a TA-Lib series.</summary>
public static class NaiveOscillators
{
    public static double[] MoneyFlowIndex(MarketData d, int period)
    {
        var tp = Naive.Typical(d);
        var r = Naive.NaNs(d.Length);
        for (int i = period; i < d.Length; i++)
        {
            double positive = 0, negative = 0;
            for (int j = i - period + 1; j <= i; j++)
            {
                if (tp[j] > tp[j - 1]) positive += tp[j] * d.Volume[j];
                if (tp[j] < tp[j - 1]) negative += tp[j] * d.Volume[j];
            }
            r[i] = positive + negative > 0 ? 100 * positive / (positive + negative) : 0;
        }
        return r;
    }

    /// <summary>Session VWAP: sessions are epoch-aligned blocks of <paramref name="hours"/> (0 = one session).</summary>
    public static double[] Vwap(MarketData d, int hours)
    {
        long length = hours * 3_600_000L;
        long Session(int i) => hours == 0 ? 0 : (long)Math.Floor(d.Candles[i].OpenTime / (double)length);
        var tp = Naive.Typical(d);
        var r = new double[d.Length];
        for (int i = 0; i < d.Length; i++)
        {
            double weighted = 0, volume = 0;
            for (int j = i; j >= 0 && Session(j) == Session(i); j--)
            {
                weighted += tp[j] * d.Volume[j];
                volume += d.Volume[j];
            }
            r[i] = volume > 0 ? weighted / volume : tp[i];
        }
        return r;
    }

    /// <summary>Chande: sums (not averages) of up and down changes over the window.</summary>
    public static double[] ChandeMomentum(double[] x, int period)
    {
        var r = Naive.NaNs(x.Length);
        for (int i = period; i < x.Length; i++)
        {
            double up = 0, down = 0;
            for (int j = i - period + 1; j <= i; j++)
            {
                up += Math.Max(x[j] - x[j - 1], 0);
                down += Math.Max(x[j - 1] - x[j], 0);
            }
            r[i] = up + down > 0 ? 100 * (up - down) / (up + down) : 0;
        }
        return r;
    }

    public static double[] Trix(double[] x, int period)
    {
        var triple = Naive.Ema(Naive.Ema(Naive.Ema(x, period), period), period);
        var r = Naive.NaNs(x.Length);
        for (int i = 1; i < x.Length; i++) r[i] = 100 * (triple[i] / triple[i - 1] - 1);
        return r;
    }

    /// <summary>Williams: 4:2:1 weighted average of buying pressure over true range on three windows.</summary>
    public static double[] Ultimate(MarketData d, int shortest, int middle, int longest)
    {
        var r = Naive.NaNs(d.Length);
        double Average(int i, int period)
        {
            double pressure = 0, range = 0;
            for (int j = i - period + 1; j <= i; j++)
            {
                double trueLow = Math.Min(d.Low[j], d.Close[j - 1]);
                pressure += d.Close[j] - trueLow;
                range += Math.Max(d.High[j], d.Close[j - 1]) - trueLow;
            }
            return pressure / range;
        }
        for (int i = longest; i < d.Length; i++)
            r[i] = 100 * (4 * Average(i, shortest) + 2 * Average(i, middle) + Average(i, longest)) / 7;
        return r;
    }

    public static double[][] StochasticRsi(double[] x, int rsiPeriod, int stochPeriod, int smoothK, int smoothD)
    {
        var rsi = Naive.Rsi(x, rsiPeriod);
        var fastK = Naive.Window(rsi, stochPeriod, w =>
        {
            double hi = Naive.Max(w), lo = Naive.Min(w);
            return hi == lo ? 0 : 100 * (w[^1] - lo) / (hi - lo);
        });
        var k = Naive.Sma(fastK, smoothK);
        return [k, Naive.Sma(k, smoothD)];
    }

    /// <summary>StockCharts: the input period/2 + 1 bars ago minus the current SMA(period).</summary>
    public static double[] Detrended(double[] x, int period)
    {
        int lag = period / 2 + 1;
        var sma = Naive.Sma(x, period);
        var r = Naive.NaNs(x.Length);
        for (int i = lag; i < x.Length; i++) r[i] = x[i - lag] - sma[i];
        return r;
    }

    public static double[][] PercentagePrice(double[] x, int fast, int slow, int signal)
    {
        var ppo = Naive.Zip(Naive.Ema(x, fast), Naive.Ema(x, slow), (f, s) => 100 * (f - s) / s);
        var line = Naive.Ema(ppo, signal);
        return [ppo, line, Naive.Zip(ppo, line, (p, s) => p - s)];
    }

    public static double[] ZScore(double[] x, int period) => Naive.Window(x, period, w =>
    {
        double sd = Naive.PopulationStdDev(w);
        return sd == 0 ? 0 : (w[^1] - Naive.Mean(w)) / sd;
    });
}
