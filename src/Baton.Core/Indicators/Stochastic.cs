using System.Runtime.CompilerServices;
using Baton.Core.Market;

namespace Baton.Core.Indicators;

/// <summary>
/// Slow stochastic oscillator (George Lane, 1950s), 0..100. Fast %K = 100 · (close − LL) / (HH − LL) over
/// the last <c>k</c> bars including the current one (0 when HH = LL); output <c>k</c> = SMA(smooth_k) of
/// fast %K; output <c>d</c> = SMA(d) of k. Both outputs appear together, after k + smooth_k + d − 2 bars
/// (18 for 14/3/3), as in TA-Lib <c>STOCH</c> with SMA smoothing, which this matches.
/// </summary>
public sealed class Stochastic : Indicator
{
    private readonly RollingExtreme _highest;
    private readonly RollingExtreme _lowest;
    private readonly SimpleMovingAverage _slowK;
    private readonly SimpleMovingAverage _slowD;

    public Stochastic(int k, int smoothK, int d) : base(k + smoothK + d - 2, 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        _highest = new RollingExtreme(k, highest: true);
        _lowest = new RollingExtreme(k, highest: false);
        _slowK = new SimpleMovingAverage(smoothK);
        _slowD = new SimpleMovingAverage(d);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(in Candle candle)
    {
        _highest.Add(candle.High);
        _lowest.Add(candle.Low);
        if (!_highest.IsFull) return;
        _slowK.Update(FastK(candle.Close, _highest.Value, _lowest.Value));
        if (!_slowK.IsReady) return;
        _slowD.Update(_slowK.Value);
        if (!_slowD.IsReady) return;
        Values[0] = _slowK.Value;
        Values[1] = _slowD.Value;
    }

    /// <summary>100 · (value − lowest) / (highest − lowest), 0 on a flat window (TA-Lib's evaluation).</summary>
    internal static double FastK(double value, double highest, double lowest)
    {
        double range = (highest - lowest) / 100.0;
        return range != 0.0 ? (value - lowest) / range : 0.0;
    }

    protected override void ResetState()
    {
        _highest.Clear();
        _lowest.Clear();
        _slowK.Reset();
        _slowD.Reset();
    }
}
