using System.Runtime.CompilerServices;

namespace Baton.Core.Signals;

/// <summary>
/// Engulfing pattern: the real body of the current candle covers the whole real body of the previous,
/// opposite-coloured one.
/// <para>Definition (Nison, <i>Japanese Candlestick Charting Techniques</i>, 1991, ch. 4): <c>bullish</c>
/// fires when the previous candle is black (close &lt; open), the current one white (close &gt; open),
/// open[t] ≤ close[t−1], close[t] ≥ open[t−1], and the current body is longer than the previous one (so equal
/// bodies do not count). <c>bearish</c> mirrors it: previous white, current black, open[t] ≥ close[t−1],
/// close[t] ≤ open[t−1], longer body. Shadows are ignored. Prices are compared exactly. Nison asks for a
/// preceding downtrend (uptrend); the pattern itself does not check it: write it in the rule
/// (<c>when: bull_engulf and close &lt; sma50</c>).</para>
/// <para>Reads the open and close slots; keeps the previous candle. Warm-up: 2 candles; NaN on the first.
/// O(1), no allocation.</para>
/// <para>YAML: <c>- { id: bull_engulf, type: engulfing, direction: bullish }</c></para>
/// </summary>
public sealed class EngulfingSignal(bool bullish) : SignalComponent
{
    private CandleShape _previous;
    private bool _hasPrevious;

    public override int WarmUpPeriod => 2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override double Evaluate(double[] slots)
    {
        var current = CandleShape.Read(slots);
        if (!current.IsValid)
        {
            Reset();
            return double.NaN;
        }
        var previous = _previous;
        bool had = _hasPrevious;
        _previous = current;
        _hasPrevious = true;
        if (!had) return double.NaN;
        return Engulfs(previous, current) ? 1 : 0;
    }

    private bool Engulfs(in CandleShape previous, in CandleShape current)
    {
        if (current.Body <= previous.Body) return false;
        return bullish
            ? previous.IsBearish && current.IsBullish && current.Open <= previous.Close && current.Close >= previous.Open
            : previous.IsBullish && current.IsBearish && current.Open >= previous.Close && current.Close <= previous.Open;
    }

    public override void Reset()
    {
        _previous = default;
        _hasPrevious = false;
    }
}
