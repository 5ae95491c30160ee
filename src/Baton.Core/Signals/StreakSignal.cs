using System.Runtime.CompilerServices;

namespace Baton.Core.Signals;

/// <summary>
/// <c>rising</c> / <c>falling</c>: the input has risen (fallen) strictly on each of the last <c>bars</c> candles.
/// <para>Definition (a run of consecutive changes, as in TradingView's <c>ta.rising</c>/<c>ta.falling</c>): for
/// <c>rising</c> with N = <c>bars</c>, the signal is 1 at candle t when x[t] &gt; x[t−1], x[t−1] &gt; x[t−2], …,
/// x[t−N+1] &gt; x[t−N]; <c>falling</c> with &lt;. A change smaller than a relative 1e-12 (the
/// <see cref="CrossSide"/> rule) is no change and ends the run. It is a state, not an edge: it is 1 on every
/// candle while the run lasts (N + 2 rises in a row give 1 on the last 3 candles), so a rule can combine it with
/// other conditions.</para>
/// <para>Warm-up: N + 1 ready values; NaN before, and NaN (history forgotten) on a candle whose input is NaN.
/// O(1): a counter of the current run and the previous value, no allocation.</para>
/// <para>YAML:
/// <code>
/// - { id: three_up, type: rising, input: close, bars: 3 }
/// - { id: rsi_down, type: falling, input: rsi, bars: 2 }
/// </code></para>
/// </summary>
public sealed class StreakSignal : SignalComponent
{
    private readonly int _inputSlot;
    private readonly int _bars;
    private readonly int _sign;
    private double _previous = double.NaN;
    private int _seen;
    private int _run;

    /// <param name="inputSlot">The series to watch.</param>
    /// <param name="bars">How many consecutive rises (falls) make the signal: at least 1.</param>
    /// <param name="rising">True for <c>rising</c>, false for <c>falling</c>.</param>
    public StreakSignal(int inputSlot, int bars, bool rising)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputSlot);
        ArgumentOutOfRangeException.ThrowIfLessThan(bars, 1);
        _inputSlot = inputSlot;
        _bars = bars;
        _sign = rising ? 1 : -1;
    }

    public override int WarmUpPeriod => _bars + 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override double Evaluate(double[] slots)
    {
        double x = slots[_inputSlot];
        if (double.IsNaN(x))
        {
            Reset();
            return double.NaN;
        }
        if (_seen > 0) _run = CrossSide.Of(x, _previous) == _sign ? Math.Min(_run + 1, _bars) : 0;
        _previous = x;
        if (_seen <= _bars) _seen++;
        return _seen <= _bars ? double.NaN : _run >= _bars ? 1 : 0;
    }

    public override void Reset()
    {
        _previous = double.NaN;
        _seen = 0;
        _run = 0;
    }
}
