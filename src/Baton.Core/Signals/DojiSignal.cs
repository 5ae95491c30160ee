using System.Runtime.CompilerServices;

namespace Baton.Core.Signals;

/// <summary>
/// Doji: open and close (nearly) equal, so the real body is tiny against the candle's range.
/// <para>Definition (Nison, <i>Japanese Candlestick Charting Techniques</i>, 1991, ch. 8: a session whose open
/// and close are the same or very nearly so), with a parameter for "very nearly": fires when
/// |close − open| ≤ <c>max_body</c> × (high − low), <c>max_body</c> 0.1 by default. A candle with no range at
/// all (open = high = low = close, Nison's four-price doji) is a doji.</para>
/// <para>Reads the candle's price slots only. Warm-up: 1 candle. O(1), no allocation.</para>
/// <para>YAML: <c>- { id: doji, type: doji, max_body: 0.05 }</c></para>
/// </summary>
public sealed class DojiSignal : SignalComponent
{
    public const double DefaultMaxBody = 0.1;

    private readonly double _maxBody;

    /// <param name="maxBody">Largest real body as a fraction of the range (0 … 1).</param>
    public DojiSignal(double maxBody = DefaultMaxBody)
    {
        if (!(maxBody is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(maxBody), maxBody, "expected a fraction between 0 and 1");
        _maxBody = maxBody;
    }

    public override int WarmUpPeriod => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override double Evaluate(double[] slots)
    {
        var c = CandleShape.Read(slots);
        if (!c.IsValid) return double.NaN;
        return c.Body <= _maxBody * c.Range ? 1 : 0;
    }

    public override void Reset()
    {
    }
}
