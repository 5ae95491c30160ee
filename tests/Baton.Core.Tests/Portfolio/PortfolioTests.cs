using Baton.Core.Orders;
using Baton.Core.Portfolio;

namespace Baton.Core.Tests.Portfolio;

public class PortfolioTests
{
    private static Core.Portfolio.Portfolio Trading(decimal cash = 10_000m, int symbols = 2)
    {
        var p = new Core.Portfolio.Portfolio(cash, symbols);
        p.MoveTo(PortfolioState.Trading, "start");
        return p;
    }

    [Fact]
    public void State_machine_allows_exactly_the_seed_transitions()
    {
        var legal = new HashSet<(PortfolioState, PortfolioState)>
        {
            (PortfolioState.Initialized, PortfolioState.Trading),
            (PortfolioState.Trading, PortfolioState.PositionOpen), (PortfolioState.PositionOpen, PortfolioState.Trading),
            (PortfolioState.Trading, PortfolioState.RiskLimitHit), (PortfolioState.PositionOpen, PortfolioState.RiskLimitHit),
            (PortfolioState.RiskLimitHit, PortfolioState.Stopped), (PortfolioState.Trading, PortfolioState.Stopped),
        };
        foreach (var from in Enum.GetValues<PortfolioState>())
            foreach (var to in Enum.GetValues<PortfolioState>())
                Assert.Equal(legal.Contains((from, to)), PortfolioStates.CanMove(from, to));
    }

    [Fact]
    public void Illegal_portfolio_transition_throws()
    {
        var p = new Core.Portfolio.Portfolio(100m, 1);
        Assert.Throws<InvalidOperationException>(() => p.MoveTo(PortfolioState.PositionOpen, "x"));
    }

    [Fact]
    public void Long_round_trip_books_exact_cash_fees_and_pnl()
    {
        var p = Trading();
        p.ApplyFill(0, OrderSide.Buy, 10, 100.10m, 1.001m, 1, "entry");
        Assert.Equal(PortfolioState.PositionOpen, p.State);
        Assert.Equal(10_000m - 1001m - 1.001m, p.Cash);
        var trade = p.ApplyFill(0, OrderSide.Sell, 10, 110.00m, 1.1m, 2, "signal_exit");
        Assert.NotNull(trade);
        Assert.Equal(99.00m - 1.001m - 1.1m, trade.Pnl);
        Assert.Equal(10_000m + 99.00m - 2.101m, p.Cash);
        Assert.Equal(PortfolioState.Trading, p.State);
        Assert.Equal(0, p.OpenPositions);
    }

    [Fact]
    public void Short_position_gains_when_price_falls()
    {
        var p = Trading();
        p.ApplyFill(1, OrderSide.Sell, 5, 200m, 0m, 1, "entry");
        p.Mark(1, 190);
        Assert.Equal(10_050.0, p.Equity, 9);
        var trade = p.ApplyFill(1, OrderSide.Buy, 5, 190m, 0m, 2, "signal_exit");
        Assert.False(trade!.IsLong);
        Assert.Equal(50m, trade.Pnl);
        Assert.Equal(10_050m, p.Cash);
    }

    [Fact]
    public void Equity_marks_open_positions_at_their_last_price()
    {
        var p = Trading();
        p.ApplyFill(0, OrderSide.Buy, 10, 100m, 0m, 1, "entry");
        p.Mark(0, 105);
        Assert.Equal(10_050.0, p.Equity, 9);
        Assert.Equal(1050.0, p.GrossExposure, 9);
    }
}
