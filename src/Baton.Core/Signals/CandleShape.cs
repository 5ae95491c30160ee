using Baton.Core.Market;

namespace Baton.Core.Signals;

/// <summary>
/// One candle's open, high, low and close as the candlestick patterns see it, read from the price slots
/// (slots 0..3 in <see cref="PriceField"/> order). Terms follow Nison, <i>Japanese Candlestick Charting
/// Techniques</i> (1991): the real body spans open and close; the shadows run from the body to the high and the low.
/// </summary>
internal readonly record struct CandleShape(double Open, double High, double Low, double Close)
{
    /// <summary>The candle in the price slots of <paramref name="slots"/>.</summary>
    public static CandleShape Read(double[] slots) => new(
        slots[(int)PriceField.Open], slots[(int)PriceField.High], slots[(int)PriceField.Low], slots[(int)PriceField.Close]);

    /// <summary>False when a price is NaN (the slots have not been written yet).</summary>
    public bool IsValid => !(double.IsNaN(Open) || double.IsNaN(High) || double.IsNaN(Low) || double.IsNaN(Close));

    /// <summary>Length of the real body, |close − open|.</summary>
    public double Body => Math.Abs(Close - Open);

    /// <summary>High − low.</summary>
    public double Range => High - Low;

    /// <summary>The higher of open and close.</summary>
    public double BodyTop => Math.Max(Open, Close);

    /// <summary>The lower of open and close.</summary>
    public double BodyBottom => Math.Min(Open, Close);

    /// <summary>Middle of the real body.</summary>
    public double BodyMiddle => (Open + Close) / 2.0;

    /// <summary>High − top of the body.</summary>
    public double UpperShadow => High - BodyTop;

    /// <summary>Bottom of the body − low.</summary>
    public double LowerShadow => BodyBottom - Low;

    /// <summary>Close above open (a white candle).</summary>
    public bool IsBullish => Close > Open;

    /// <summary>Close below open (a black candle).</summary>
    public bool IsBearish => Close < Open;
}
