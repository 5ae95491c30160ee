using System.Runtime.CompilerServices;

namespace Baton.Core.Indicators;

/// <summary>
/// Rate of change, in percent: 100 · (x / x[period ago] − 1); 0 when the old value is 0. Warm-up:
/// <c>period + 1</c>. Matches TA-Lib <c>ROC</c>.
/// </summary>
public sealed class RateOfChange : SeriesIndicator
{
    private readonly RingBuffer _inputs;

    public RateOfChange(int period) : base(period + 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _inputs = new RingBuffer(period + 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(double value)
    {
        _inputs.Push(value);
        if (!_inputs.IsFull) return;
        double old = _inputs[_inputs.Capacity - 1];
        Values[0] = old != 0.0 ? (value / old - 1.0) * 100.0 : 0.0;
    }

    protected override void ResetState() => _inputs.Clear();
}
