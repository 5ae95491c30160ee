using System.Runtime.CompilerServices;

namespace Baton.Core.Signals;

/// <summary>
/// Fires when the series in slot <c>above</c> crosses above the series in slot <c>below</c>: the sign of
/// (above − below) turns positive against the last candle on which the two differed. A tie (equal within a
/// relative 1e-12) neither fires nor forgets the last side, so an exact touch on real data does not hide the
/// next cross. YAML: <c>{ id: golden_cross, type: crossover, above: fast, below: slow }</c>.
/// </summary>
public sealed class CrossoverSignal(int aboveSlot, int belowSlot) : SignalComponent
{
    private int _lastSide;

    public override int WarmUpPeriod => 2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override double Evaluate(double[] slots)
    {
        double a = slots[aboveSlot], b = slots[belowSlot];
        if (double.IsNaN(a) || double.IsNaN(b)) return double.NaN;
        int side = CrossSide.Of(a, b);
        if (side == 0) return 0;
        bool fired = _lastSide < 0 && side > 0;
        _lastSide = side;
        return fired ? 1 : 0;
    }

    public override void Reset() => _lastSide = 0;
}

/// <summary>
/// Fires when the series in slot <c>input</c> crosses a fixed <c>level</c>, upward (<c>direction: above</c>)
/// or downward (<c>direction: below</c>), with the same tie rule as <see cref="CrossoverSignal"/>.
/// YAML: <c>{ id: oversold, type: threshold, input: rsi, level: 30, direction: below }</c>.
/// </summary>
public sealed class ThresholdSignal(int inputSlot, double level, bool upward) : SignalComponent
{
    private int _lastSide;

    public override int WarmUpPeriod => 2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override double Evaluate(double[] slots)
    {
        double x = slots[inputSlot];
        if (double.IsNaN(x)) return double.NaN;
        int side = CrossSide.Of(x, level);
        if (side == 0) return 0;
        bool fired = upward ? _lastSide < 0 && side > 0 : _lastSide > 0 && side < 0;
        _lastSide = side;
        return fired ? 1 : 0;
    }

    public override void Reset() => _lastSide = 0;
}
