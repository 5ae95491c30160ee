using System.Runtime.CompilerServices;

namespace Baton.Core.Indicators;

/// <summary>
/// Detrended price oscillator, in the units of its input: the input ⌊period/2⌋ + 1 bars ago minus the
/// SMA(period) of the last <c>period</c> inputs (StockCharts' definition). Causal: both terms use only
/// inputs up to now; charts that draw it shifted back by ⌊period/2⌋ + 1 bars show the same numbers.
/// Warm-up: max(period, ⌊period/2⌋ + 2).
/// </summary>
public sealed class DetrendedPriceOscillator : SeriesIndicator
{
    private readonly SimpleMovingAverage _average;
    private readonly RingBuffer _inputs;
    private readonly int _lag;

    public DetrendedPriceOscillator(int period) : base(Math.Max(period, period / 2 + 2))
    {
        _average = new SimpleMovingAverage(period);
        _lag = period / 2 + 1;
        _inputs = new RingBuffer(_lag + 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(double value)
    {
        _average.Update(value);
        _inputs.Push(value);
        if (_average.IsReady && _inputs.IsFull) Values[0] = _inputs[_lag] - _average.Value;
    }

    protected override void ResetState()
    {
        _average.Reset();
        _inputs.Clear();
    }
}
