namespace Baton.Core.Market;

/// <summary>
/// One OHLCV bar. <see cref="OpenTime"/> is the bar's open instant in Unix milliseconds (UTC), as vendors
/// write it; the engine knows the bar only at its close (<c>OpenTime + timeframe</c>). Prices and volume are
/// market data and so are <see cref="double"/>; validation happens at the edge that builds the candle.
/// </summary>
public readonly record struct Candle(long OpenTime, double Open, double High, double Low, double Close, double Volume)
{
    /// <summary>(high + low) / 2.</summary>
    public double Hl2 => (High + Low) / 2.0;

    /// <summary>(high + low + close) / 3.</summary>
    public double Hlc3 => (High + Low + Close) / 3.0;

    /// <summary>(open + high + low + close) / 4.</summary>
    public double Ohlc4 => (Open + High + Low + Close) / 4.0;
}
