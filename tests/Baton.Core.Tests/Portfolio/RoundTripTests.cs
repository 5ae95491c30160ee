using Baton.Core.Orders;
using Baton.Core.Portfolio;

namespace Baton.Core.Tests.Portfolio;

/// <summary>A round trip is one trade however many fills opened and closed it: average prices, summed fees, and P&amp;L
/// exactly the cash it made (recomputed here from the fills alone, independently of the portfolio).</summary>
public class RoundTripTests
{
    // fills as quantity@price+fee; entries buy (or sell, for shorts), exits the opposite side
    public static TheoryData<string, bool, string, string> Splits() => new()
    {
        { "one fill each side", true, "10@100+1", "10@110+1.1" },
        { "exit in three fills", true, "10@100+1", "3@110+0.33 3@105+0.315 4@90+0.36" },
        { "entry in two, exit in two", true, "4@100+0.4 6@102+0.612", "5@99+0.495 5@107.3+0.5365" },
        { "short, exit in four", false, "7@50+0.35", "1@49+0 2@51+0.1 3@48.5+0.1 1@47+0.01" },
        { "fractional quantities", true, "0.0123@40000+0.4", "0.005@41000+0.2 0.0073@39500.5+0.29" },
    };

    [Theory]
    [MemberData(nameof(Splits))]
    public void A_round_trip_split_over_fills_is_one_trade(string name, bool isLong, string entryFills, string exitFills)
    {
        var entries = Parse(entryFills);
        var exits = Parse(exitFills);
        var p = new Core.Portfolio.Portfolio(1_000_000m, 1);
        p.MoveTo(PortfolioState.Trading, "start");
        var (open, close) = isLong ? (OrderSide.Buy, OrderSide.Sell) : (OrderSide.Sell, OrderSide.Buy);
        long time = 1;
        foreach (var (q, price, fee) in entries) Assert.Null(p.ApplyFill(0, open, q, price, fee, time++, "entry"));
        Trade? trade = null;
        for (int i = 0; i < exits.Length; i++)
        {
            var (q, price, fee) = exits[i];
            trade = p.ApplyFill(0, close, q, price, fee, time++, "signal_exit");
            Assert.Equal(i == exits.Length - 1, trade is not null);
        }

        var t = Assert.Single(p.Trades);
        Assert.Same(trade, t);
        decimal quantity = entries.Sum(e => e.Quantity);
        decimal sign = isLong ? 1m : -1m;
        decimal net = sign * (exits.Sum(e => e.Quantity * e.Price) - entries.Sum(e => e.Quantity * e.Price))
            - entries.Sum(e => e.Fee) - exits.Sum(e => e.Fee);
        Assert.Equal(net, t.Pnl);                                       // exact: the cash the round trip made
        Assert.Equal(1_000_000m + net, p.Cash);
        Assert.Equal(entries.Sum(e => e.Fee) + exits.Sum(e => e.Fee), t.Fees);
        Assert.Equal(quantity, t.Quantity);
        Assert.Equal(Math.Round(entries.Sum(e => e.Quantity * e.Price) / quantity, 10), t.EntryPrice);
        Assert.Equal(Math.Round(exits.Sum(e => e.Quantity * e.Price) / quantity, 10), t.ExitPrice);
        Assert.Equal((1L, time - 1, isLong), (t.EntryTime, t.ExitTime, t.IsLong));
        Assert.Null(p.PositionOf(0));
        _ = name;
    }

    private static (decimal Quantity, decimal Price, decimal Fee)[] Parse(string fills) =>
        fills.Split(' ').Select(f =>
        {
            var parts = f.Split('@', '+');
            return (decimal.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture),
                decimal.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture),
                decimal.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
        }).ToArray();

    [Fact]
    public void A_position_reduced_but_still_open_has_no_trade_yet()
    {
        var p = new Core.Portfolio.Portfolio(10_000m, 1);
        p.MoveTo(PortfolioState.Trading, "start");
        p.ApplyFill(0, OrderSide.Buy, 10, 100m, 0m, 1, "entry");
        Assert.Null(p.ApplyFill(0, OrderSide.Sell, 4, 110m, 0m, 2, "signal_exit"));
        Assert.Empty(p.Trades);
        Assert.Equal(40m, p.RealizedPnl);                               // the cash is realised, the round trip is not over
        Assert.Equal(6m, p.PositionOf(0)!.Quantity);
    }
}
