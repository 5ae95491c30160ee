namespace Baton.Core.Tests.Indicators;

/// <summary>Naive recomputations of trend-following indicators without a TA-Lib series.</summary>
public static class NaiveTrend
{
    /// <summary>SuperTrend as TradingView's ta.supertrend, direction sign flipped (+1 = up).</summary>
    public static double[][] SuperTrend(MarketData d, int period, double multiplier)
    {
        var atr = Naive.Atr(d, period);
        double[] value = Naive.NaNs(d.Length), direction = Naive.NaNs(d.Length);
        double[] upper = Naive.NaNs(d.Length), lower = Naive.NaNs(d.Length);
        for (int i = 0; i < d.Length; i++)
        {
            if (double.IsNaN(atr[i])) continue;
            double mid = (d.High[i] + d.Low[i]) / 2;
            upper[i] = mid + multiplier * atr[i];
            lower[i] = mid - multiplier * atr[i];
            if (double.IsNaN(atr[i - 1]))
            {
                direction[i] = -1;
            }
            else
            {
                if (!(lower[i] > lower[i - 1] || d.Close[i - 1] < lower[i - 1])) lower[i] = lower[i - 1];
                if (!(upper[i] < upper[i - 1] || d.Close[i - 1] > upper[i - 1])) upper[i] = upper[i - 1];
                bool wasDown = value[i - 1] == upper[i - 1];
                direction[i] = wasDown ? (d.Close[i] > upper[i] ? 1 : -1) : (d.Close[i] < lower[i] ? -1 : 1);
            }
            value[i] = direction[i] > 0 ? lower[i] : upper[i];
        }
        return [value, direction];
    }

    /// <summary>Wilder's parabolic SAR with TA-Lib's start (direction from bar 1's directional movement).</summary>
    public static double[][] ParabolicSar(MarketData d, double step, double maximum)
    {
        double[] value = Naive.NaNs(d.Length), direction = Naive.NaNs(d.Length);
        double[] h = d.High, l = d.Low;
        bool isLong = !(l[0] - l[1] > 0 && l[0] - l[1] > h[1] - h[0]);
        double sar = isLong ? l[0] : h[0], ep = isLong ? h[1] : l[1], af = step;
        for (int i = 1; i < d.Length; i++)
        {
            int p = i == 1 ? 1 : i - 1;
            if (isLong && l[i] <= sar)
            {
                isLong = false;
                value[i] = sar = Math.Max(ep, Math.Max(h[p], h[i]));
                af = step;
                ep = l[i];
                sar = Math.Max(sar + af * (ep - sar), Math.Max(h[p], h[i]));
            }
            else if (!isLong && h[i] >= sar)
            {
                isLong = true;
                value[i] = sar = Math.Min(ep, Math.Min(l[p], l[i]));
                af = step;
                ep = h[i];
                sar = Math.Min(sar + af * (ep - sar), Math.Min(l[p], l[i]));
            }
            else
            {
                value[i] = sar;
                if (isLong ? h[i] > ep : l[i] < ep)
                {
                    ep = isLong ? h[i] : l[i];
                    af = Math.Min(af + step, maximum);
                }
                sar += af * (ep - sar);
                sar = isLong ? Math.Min(sar, Math.Min(l[p], l[i])) : Math.Max(sar, Math.Max(h[p], h[i]));
            }
            direction[i] = isLong ? 1 : -1;
        }
        return [value, direction];
    }

    /// <summary>Causal Ichimoku: lines at each bar, spans as computed <paramref name="shift"/> bars ago.</summary>
    public static double[][] Ichimoku(MarketData d, int tenkan, int kijun, int senkou, int shift)
    {
        var conversion = Midpoints(d, tenkan);
        var baseLine = Midpoints(d, kijun);
        var spanB = Midpoints(d, senkou);
        var spanA = Naive.Zip(conversion, baseLine, (a, b) => (a + b) / 2);
        return [conversion, baseLine, Lag(spanA, shift), Lag(spanB, shift), Lag(d.Close, shift)];
    }

    private static double[] Midpoints(MarketData d, int period)
    {
        var r = Naive.NaNs(d.Length);
        for (int i = period - 1; i < d.Length; i++)
        {
            double hi = double.MinValue, lo = double.MaxValue;
            for (int j = i - period + 1; j <= i; j++)
            {
                hi = Math.Max(hi, d.High[j]);
                lo = Math.Min(lo, d.Low[j]);
            }
            r[i] = (hi + lo) / 2;
        }
        return r;
    }

    private static double[] Lag(double[] x, int lag)
    {
        var r = Naive.NaNs(x.Length);
        for (int i = lag; i < x.Length; i++) r[i] = x[i - lag];
        return r;
    }

    /// <summary>Aroon over period + 1 bars; the most recent extreme wins ties.</summary>
    public static double[][] Aroon(MarketData d, int period)
    {
        double[] up = Naive.NaNs(d.Length), down = Naive.NaNs(d.Length), osc = Naive.NaNs(d.Length);
        for (int i = period; i < d.Length; i++)
        {
            int hi = i - period, lo = i - period;
            for (int j = i - period; j <= i; j++)
            {
                if (d.High[j] >= d.High[hi]) hi = j;
                if (d.Low[j] <= d.Low[lo]) lo = j;
            }
            up[i] = 100.0 * (period - (i - hi)) / period;
            down[i] = 100.0 * (period - (i - lo)) / period;
            osc[i] = up[i] - down[i];
        }
        return [up, down, osc];
    }

    /// <summary>Least squares over x = 0..period−1 (oldest first): slope and the fitted value at the last x.</summary>
    public static double[][] LinearRegression(double[] y, int period)
    {
        double[] slope = Naive.NaNs(y.Length), value = Naive.NaNs(y.Length);
        double xMean = (period - 1) / 2.0;
        for (int i = period - 1; i < y.Length; i++)
        {
            var w = y[(i - period + 1)..(i + 1)];
            double yMean = Naive.Mean(w), sxy = 0, sxx = 0;
            for (int x = 0; x < period; x++)
            {
                sxy += (x - xMean) * (w[x] - yMean);
                sxx += (x - xMean) * (x - xMean);
            }
            slope[i] = sxy / sxx;
            value[i] = yMean + slope[i] * (period - 1 - xMean);
        }
        return [slope, value];
    }
}
