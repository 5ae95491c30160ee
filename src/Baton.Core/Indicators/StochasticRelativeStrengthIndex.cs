using System.Runtime.CompilerServices;

namespace Baton.Core.Indicators;

/// <summary>
/// Stochastic RSI (Tushar Chande and Stanley Kroll, 1994), 0..100: the stochastic oscillator applied to
/// <see cref="RelativeStrengthIndex"/>. Fast %K = 100 · (RSI − lowest RSI) / (highest RSI − lowest RSI)
/// over the last <c>stoch_period</c> RSI values (0 when flat); output <c>k</c> = SMA(smooth_k) of it,
/// output <c>d</c> = SMA(d) of k. Defaults 14/14/3/3 as TradingView's "Stoch RSI" (TA-Lib <c>STOCHRSI</c>
/// has other defaults and no %K smoothing). Warm-up: k after rsi_period + stoch_period + smooth_k − 1
/// inputs, d after d − 1 more.
/// </summary>
public sealed class StochasticRelativeStrengthIndex : SeriesIndicator
{
    private readonly RelativeStrengthIndex _rsi;
    private readonly RollingExtreme _highest;
    private readonly RollingExtreme _lowest;
    private readonly SimpleMovingAverage _k;
    private readonly SimpleMovingAverage _d;

    public StochasticRelativeStrengthIndex(int rsiPeriod, int stochPeriod, int smoothK, int d)
        : base(rsiPeriod + stochPeriod + smoothK - 1, 2)
    {
        _rsi = new RelativeStrengthIndex(rsiPeriod);
        _highest = new RollingExtreme(stochPeriod, highest: true);
        _lowest = new RollingExtreme(stochPeriod, highest: false);
        _k = new SimpleMovingAverage(smoothK);
        _d = new SimpleMovingAverage(d);
        SetOutputWarmUpPeriod(1, WarmUpPeriod + d - 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(double value)
    {
        _rsi.Update(value);
        if (!_rsi.IsReady) return;
        double rsi = _rsi.Value;
        _highest.Add(rsi);
        _lowest.Add(rsi);
        if (!_highest.IsFull) return;
        _k.Update(Stochastic.FastK(rsi, _highest.Value, _lowest.Value));
        if (!_k.IsReady) return;
        Values[0] = _k.Value;
        _d.Update(_k.Value);
        if (_d.IsReady) Values[1] = _d.Value;
    }

    protected override void ResetState()
    {
        _rsi.Reset();
        _highest.Clear();
        _lowest.Clear();
        _k.Reset();
        _d.Reset();
    }
}
