using System.Runtime.CompilerServices;

namespace Baton.Core.Indicators;

/// <summary>
/// Kaufman adaptive moving average (P. Kaufman, <i>Smarter Trading</i>, 1995), in the units of its input.
/// Efficiency ratio ER = |x − x[period ago]| / Σ|x − x[1 ago]| over the last <c>period</c> changes (1 when
/// that sum is ~0 or not above the net change); smoothing sc = (ER · (2/(fast+1) − 2/(slow+1)) + 2/(slow+1))²;
/// KAMA += sc · (x − KAMA), starting from the input at bar <c>period − 1</c>. Warm-up: <c>period + 1</c>.
/// Matches TA-Lib <c>KAMA</c> (which fixes fast = 2, slow = 30, the defaults here).
/// </summary>
public sealed class KaufmanAdaptiveMovingAverage : SeriesIndicator
{
    private readonly RingBuffer _inputs;
    private readonly RollingSum _volatility;
    private readonly double _slowest;
    private readonly double _span;
    private double _kama;

    public KaufmanAdaptiveMovingAverage(int period, int fast = 2, int slow = 30) : base(period + 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(fast, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(slow, 1);
        _inputs = new RingBuffer(period + 1);
        _volatility = new RollingSum(period);
        _slowest = 2.0 / (slow + 1);
        _span = 2.0 / (fast + 1) - _slowest;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(double value)
    {
        if (_inputs.Count > 0) _volatility.Add(Math.Abs(value - _inputs[0]));
        _inputs.Push(value);
        if (!_inputs.IsFull)
        {
            _kama = value;
            return;
        }
        double change = value - _inputs[_inputs.Capacity - 1];
        double sum = _volatility.Sum;
        double ratio = sum <= change || Precision.IsZero(sum) ? 1.0 : Math.Abs(change / sum);
        double sc = ratio * _span + _slowest;
        sc *= sc;
        _kama = (value - _kama) * sc + _kama;
        Values[0] = _kama;
    }

    protected override void ResetState()
    {
        _inputs.Clear();
        _volatility.Clear();
        _kama = 0;
    }
}
