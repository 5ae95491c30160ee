using System.Runtime.CompilerServices;
using Baton.Core.Indicators;

namespace Baton.Core.Signals;

/// <summary>
/// Divergence between price and an oscillator: price makes a new extreme that the oscillator does not confirm.
/// <para>Definition (the divergence of Murphy, <i>Technical Analysis of the Financial Markets</i>, 1999, ch. 10 on
/// oscillators: a bullish one when prices make a lower low and the oscillator a higher low), made causal and
/// exact. With p the price
/// series, o the oscillator and N = <c>lookback</c>, let j be the candle among the previous N (t−N … t−1) with the
/// lowest price (the most recent one when several tie). <c>bullish</c> fires at candle t when
/// p[t] &lt; p[j] (a lower low) and o[t] &gt; o[j] (a higher low of the oscillator at the two lows).
/// <c>bearish</c> mirrors it with j the candle of the highest price: p[t] &gt; p[j] and o[t] &lt; o[j].
/// Comparisons are strict beyond a relative 1e-12 (the <see cref="CrossSide"/> rule). Only candles up to t are
/// read, so it never waits for a swing to be confirmed later; it may fire on several candles of one decline
/// (each new low below the window's lowest with a stronger oscillator).</para>
/// <para>Warm-up: N + 1 candles on which both inputs are ready; NaN before, and NaN (history forgotten) on a
/// candle where either is NaN. Amortised O(1): a monotonic deque of the window's prices and a ring of its
/// oscillator values, both allocated in the constructor.</para>
/// <para>YAML:
/// <code>
/// indicators:
///   - { id: rsi, type: rsi, period: 14 }
/// signals:
///   - { id: bull_div, type: divergence, price: low, oscillator: rsi, lookback: 20, direction: bullish }
///   - { id: bear_div, type: divergence, oscillator: rsi, lookback: 20, direction: bearish }
/// </code></para>
/// </summary>
public sealed class DivergenceSignal : SignalComponent
{
    private readonly int _priceSlot;
    private readonly int _oscillatorSlot;
    private readonly bool _bullish;
    private readonly RollingExtreme _extreme;
    private readonly RingBuffer _oscillator;

    /// <param name="priceSlot">The price series (the close by default; the low or high for swing extremes).</param>
    /// <param name="oscillatorSlot">The oscillator (RSI, MACD histogram, ...).</param>
    /// <param name="lookback">How many previous candles the current one is compared with: at least 1.</param>
    /// <param name="bullish">True: lower low in price, higher oscillator; false: higher high, lower oscillator.</param>
    public DivergenceSignal(int priceSlot, int oscillatorSlot, int lookback, bool bullish)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(priceSlot);
        ArgumentOutOfRangeException.ThrowIfNegative(oscillatorSlot);
        ArgumentOutOfRangeException.ThrowIfLessThan(lookback, 1);
        _priceSlot = priceSlot;
        _oscillatorSlot = oscillatorSlot;
        _bullish = bullish;
        _extreme = new RollingExtreme(lookback, highest: !bullish);
        _oscillator = new RingBuffer(lookback);
    }

    public override int WarmUpPeriod => _extreme.Period + 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override double Evaluate(double[] slots)
    {
        double price = slots[_priceSlot], oscillator = slots[_oscillatorSlot];
        if (double.IsNaN(price) || double.IsNaN(oscillator))
        {
            Reset();
            return double.NaN;
        }
        double result = double.NaN;
        if (_extreme.IsFull)
        {
            // Neither buffer holds the current candle yet: age 0 is the previous candle in both.
            double extremePrice = _extreme.Value, extremeOscillator = _oscillator[_extreme.Age];
            int direction = _bullish ? 1 : -1;
            bool fired = CrossSide.Of(price, extremePrice) == -direction && CrossSide.Of(oscillator, extremeOscillator) == direction;
            result = fired ? 1 : 0;
        }
        _extreme.Add(price);
        _oscillator.Push(oscillator);
        return result;
    }

    public override void Reset()
    {
        _extreme.Clear();
        _oscillator.Clear();
    }
}
