using System.Runtime.CompilerServices;

namespace Baton.Core.Signals;

/// <summary>
/// Hammer: a small real body at the top of the candle's range with a long lower shadow and little or no upper
/// shadow.
/// <para>Definition (Nison, <i>Japanese Candlestick Charting Techniques</i>, 1991, ch. 4, the three criteria
/// of the hammer), with parameters: fires when the range (high − low) is positive, the lower shadow is at least
/// <c>shadow_ratio</c> (default 2) times the real body, and the upper shadow is at most
/// <c>max_upper_shadow</c> (default 0.1) of the range. The body's colour does not matter. A candle with no
/// body but a lower shadow only (a dragonfly doji) meets these criteria too. The preceding decline Nison asks
/// for is not checked; write it in the rule (<c>when: hammer and close &lt; sma20</c>).</para>
/// <para>Reads the candle's price slots only. Warm-up: 1 candle. O(1), no allocation.</para>
/// <para>YAML: <c>- { id: hammer, type: hammer, shadow_ratio: 2, max_upper_shadow: 0.1 }</c></para>
/// </summary>
public sealed class HammerSignal : SignalComponent
{
    public const double DefaultShadowRatio = 2;
    public const double DefaultMaxUpperShadow = 0.1;

    private readonly double _shadowRatio;
    private readonly double _maxUpperShadow;

    /// <param name="shadowRatio">Least lower shadow, in real bodies (≥ 0).</param>
    /// <param name="maxUpperShadow">Largest upper shadow, as a fraction of the range (0 … 1).</param>
    public HammerSignal(double shadowRatio = DefaultShadowRatio, double maxUpperShadow = DefaultMaxUpperShadow)
    {
        if (!(shadowRatio >= 0) || double.IsInfinity(shadowRatio)) throw new ArgumentOutOfRangeException(nameof(shadowRatio), shadowRatio, "expected a finite ratio >= 0");
        if (!(maxUpperShadow is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(maxUpperShadow), maxUpperShadow, "expected a fraction between 0 and 1");
        _shadowRatio = shadowRatio;
        _maxUpperShadow = maxUpperShadow;
    }

    public override int WarmUpPeriod => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override double Evaluate(double[] slots)
    {
        var c = CandleShape.Read(slots);
        if (!c.IsValid) return double.NaN;
        double range = c.Range;
        return range > 0 && c.LowerShadow >= _shadowRatio * c.Body && c.UpperShadow <= _maxUpperShadow * range ? 1 : 0;
    }

    public override void Reset()
    {
    }
}
