using Baton.Engine.Strategy;

namespace Baton.Engine.Trading;

/// <summary>
/// Distances of an entry's protective exits, measured at decision time (ATR multiples use the ATR of the
/// deciding candle) and turned into price levels when the entry fills.
/// </summary>
internal readonly record struct ExitLevels(double Stop, double Target, double Trail)
{
    public static readonly ExitLevels None = new(double.NaN, double.NaN, double.NaN);

    public static ExitLevels Measure(ExitSpec exit, double price, double atr) =>
        new(Distance(exit.StopLoss, price, atr), Distance(exit.TakeProfit, price, atr), Distance(exit.TrailingStop, price, atr));

    /// <summary>A distance as a price amount from <paramref name="price"/>; NaN when not set or not measurable.</summary>
    public static double Distance(PriceDistance? distance, double price, double atr) => distance switch
    {
        null => double.NaN,
        { Kind: DistanceKind.Fraction } d => d.Value * price,
        { Kind: DistanceKind.Amount } d => d.Value,
        { } d => d.Value * atr,
    };
}
