namespace Baton.Core.Market;

/// <summary>A value read from a candle: the default input of single-series indicators.</summary>
public enum PriceField
{
    Close,
    Open,
    High,
    Low,
    Volume,
    Hl2,
    Hlc3,
    Ohlc4,
}

public static class PriceFields
{
    /// <summary>Reads <paramref name="field"/> from <paramref name="candle"/>.</summary>
    public static double Read(this PriceField field, in Candle candle) => field switch
    {
        PriceField.Close => candle.Close,
        PriceField.Open => candle.Open,
        PriceField.High => candle.High,
        PriceField.Low => candle.Low,
        PriceField.Volume => candle.Volume,
        PriceField.Hl2 => candle.Hl2,
        PriceField.Hlc3 => candle.Hlc3,
        _ => candle.Ohlc4,
    };

    /// <summary>Parses the YAML spelling (<c>close</c>, <c>hl2</c> ...); false when it is not a price field.</summary>
    public static bool TryParse(string text, out PriceField field)
    {
        switch (text)
        {
            case "close": field = PriceField.Close; return true;
            case "open": field = PriceField.Open; return true;
            case "high": field = PriceField.High; return true;
            case "low": field = PriceField.Low; return true;
            case "volume": field = PriceField.Volume; return true;
            case "hl2": field = PriceField.Hl2; return true;
            case "hlc3": field = PriceField.Hlc3; return true;
            case "ohlc4": field = PriceField.Ohlc4; return true;
            default: field = PriceField.Close; return false;
        }
    }

    /// <summary>The names <see cref="TryParse"/> accepts, in <see cref="PriceField"/> order (slot order in the engine).</summary>
    public static readonly string[] Names = ["close", "open", "high", "low", "volume", "hl2", "hlc3", "ohlc4"];
}
