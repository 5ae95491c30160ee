using System.Runtime.CompilerServices;

namespace Baton.Core.Indicators;

/// <summary>
/// Momentum, in the units of its input: x − x[period ago]. Warm-up: <c>period + 1</c>. Definition: TA-Lib
/// <c>MOM</c>.
/// </summary>
public sealed class Momentum : SeriesIndicator
{
    private readonly RingBuffer _inputs;

    public Momentum(int period) : base(period + 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _inputs = new RingBuffer(period + 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(double value)
    {
        _inputs.Push(value);
        if (_inputs.IsFull) Values[0] = value - _inputs[_inputs.Capacity - 1];
    }

    protected override void ResetState() => _inputs.Clear();
}
