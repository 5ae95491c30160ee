using System.Runtime.CompilerServices;

namespace Baton.Core.Signals;

/// <summary>
/// Morning star and evening star: three-candle reversal patterns.
/// <para>Definition (Nison, <i>Japanese Candlestick Charting Techniques</i>, 1991, ch. 5), candles 1, 2, 3 being
/// t−2, t−1, t. <c>morning_star</c> fires at t when: (1) candle 1 is black (close &lt; open) with a long body,
/// at least half its range; (2) candle 2, the star, has a small body, at most <c>star_body</c> (default 0.3)
/// of candle 1's body, lying at or below candle 1's close (max(open, close) ≤ close₁); (3) candle 3 is white
/// and closes above the middle of candle 1's body. <c>evening_star</c> mirrors it: white candle 1, a star at
/// or above its close (min(open, close) ≥ close₁), a black candle 3 closing below the middle of candle 1's body.
/// Nison's star gaps away from the first body; a gap is not required here, because on markets that trade
/// around the clock each open is the previous close and a strict gap would never happen. Prices are compared
/// exactly; the preceding trend is the rule's business.</para>
/// <para>Reads the candle's price slots; keeps the last 2 candles. Warm-up: 3 candles; NaN before. O(1), no
/// allocation.</para>
/// <para>YAML: <c>- { id: morning, type: morning_star, star_body: 0.3 }</c>,
/// <c>- { id: evening, type: evening_star }</c></para>
/// </summary>
public sealed class StarSignal : SignalComponent
{
    public const double DefaultStarBody = 0.3;

    private readonly bool _morning;
    private readonly double _starBody;
    private CandleShape _first;
    private CandleShape _star;
    private int _seen;

    /// <param name="morning">True: morning star (bullish); false: evening star (bearish).</param>
    /// <param name="starBody">Largest body of the star as a fraction of the first candle's body (0 … 1).</param>
    public StarSignal(bool morning, double starBody = DefaultStarBody)
    {
        if (!(starBody is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(starBody), starBody, "expected a fraction between 0 and 1");
        _morning = morning;
        _starBody = starBody;
    }

    public override int WarmUpPeriod => 3;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override double Evaluate(double[] slots)
    {
        var current = CandleShape.Read(slots);
        if (!current.IsValid)
        {
            Reset();
            return double.NaN;
        }
        double result = _seen >= 2 ? (Matches(_first, _star, current) ? 1 : 0) : double.NaN;
        _first = _star;
        _star = current;
        if (_seen < 2) _seen++;
        return result;
    }

    private bool Matches(in CandleShape first, in CandleShape star, in CandleShape third)
    {
        if (first.Body < 0.5 * first.Range || star.Body > _starBody * first.Body) return false;
        return _morning
            ? first.IsBearish && star.BodyTop <= first.Close && third.IsBullish && third.Close > first.BodyMiddle
            : first.IsBullish && star.BodyBottom >= first.Close && third.IsBearish && third.Close < first.BodyMiddle;
    }

    public override void Reset()
    {
        _first = _star = default;
        _seen = 0;
    }
}
