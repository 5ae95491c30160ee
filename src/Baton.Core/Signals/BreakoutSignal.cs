using System.Runtime.CompilerServices;

namespace Baton.Core.Signals;

/// <summary>Which edge of its channel a <see cref="BreakoutSignal"/> watches.</summary>
public enum BreakoutDirection
{
    /// <summary>The input moves above the previous candle's upper level.</summary>
    Up,
    /// <summary>The input moves below the previous candle's lower level.</summary>
    Down,
    /// <summary>Either.</summary>
    Any,
}

/// <summary>
/// A channel breakout: fires when the input (the close by default) moves beyond the PREVIOUS candle's channel.
/// A channel such as <c>donchian</c> or <c>max</c> includes the current candle, so the current close can never
/// be above its own upper band; the comparison is with the band as it stood one candle earlier.
/// <para>Definition (Richard Donchian's channel breakout, the entry of the Turtle system: Faith, <i>Way of the
/// Turtle</i>, 2007): with x the input, U the upper and L the lower series, the candle t is <i>above</i> when
/// x[t] &gt; U[t−1] and <i>below</i> when x[t] &lt; L[t−1] (beyond a relative 1e-12, the
/// <see cref="CrossSide"/> rule). <c>direction: up</c> fires on a candle that is above when the candle before
/// was not (the cross); <c>down</c> the same for below; <c>any</c> on either. A trend that keeps closing above
/// the previous channel fires once, on its first candle.</para>
/// <para>Warm-up: 3 candles of ready inputs (the previous band, and whether the previous candle was already
/// beyond its own previous band); NaN before, and NaN (history forgotten) on any candle whose input is NaN.
/// O(1), no allocation.</para>
/// <para>YAML:
/// <code>
/// indicators:
///   - { id: channel, type: donchian, period: 20 }
/// signals:
///   - { id: breakout_up, type: breakout, upper: channel.upper, direction: up }
///   - { id: breakdown, type: breakout, input: close, lower: channel.lower, direction: down }
/// </code></para>
/// </summary>
public sealed class BreakoutSignal : SignalComponent
{
    private const int Ready = 3;

    private readonly int _inputSlot;
    private readonly int _upperSlot;
    private readonly int _lowerSlot;
    private double _previousUpper = double.NaN;
    private double _previousLower = double.NaN;
    private bool _wasAbove;
    private bool _wasBelow;
    private int _seen;

    /// <param name="inputSlot">The series that breaks out (usually the close, slot 0).</param>
    /// <param name="upperSlot">The channel's upper series, or −1; required for <see cref="BreakoutDirection.Up"/>.</param>
    /// <param name="lowerSlot">The channel's lower series, or −1; required for <see cref="BreakoutDirection.Down"/>.</param>
    /// <param name="direction">Which edge to watch; a slot the direction does not use is ignored.</param>
    public BreakoutSignal(int inputSlot, int upperSlot, int lowerSlot, BreakoutDirection direction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputSlot);
        if (direction == BreakoutDirection.Down) upperSlot = -1;
        if (direction == BreakoutDirection.Up) lowerSlot = -1;
        if (upperSlot < 0 && lowerSlot < 0)
            throw new ArgumentException($"a breakout {direction.ToString().ToLowerInvariant()} needs its channel's {(direction == BreakoutDirection.Down ? "lower" : "upper")} series");
        _inputSlot = inputSlot;
        _upperSlot = upperSlot;
        _lowerSlot = lowerSlot;
    }

    public override int WarmUpPeriod => Ready;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override double Evaluate(double[] slots)
    {
        double x = slots[_inputSlot];
        double upper = _upperSlot >= 0 ? slots[_upperSlot] : 0;
        double lower = _lowerSlot >= 0 ? slots[_lowerSlot] : 0;
        if (double.IsNaN(x) || double.IsNaN(upper) || double.IsNaN(lower))
        {
            Reset();
            return double.NaN;
        }
        bool hasPrevious = _seen > 0;
        bool above = hasPrevious && _upperSlot >= 0 && CrossSide.Of(x, _previousUpper) > 0;
        bool below = hasPrevious && _lowerSlot >= 0 && CrossSide.Of(x, _previousLower) < 0;
        bool fired = (above && !_wasAbove) || (below && !_wasBelow);
        _wasAbove = above;
        _wasBelow = below;
        _previousUpper = upper;
        _previousLower = lower;
        if (_seen < Ready) _seen++;
        return _seen < Ready ? double.NaN : fired ? 1 : 0;
    }

    public override void Reset()
    {
        _seen = 0;
        _wasAbove = _wasBelow = false;
        _previousUpper = _previousLower = double.NaN;
    }
}
