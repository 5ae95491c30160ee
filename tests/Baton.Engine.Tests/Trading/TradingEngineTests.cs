using Baton.Core.Orders;
using Baton.Core.Portfolio;
using Baton.Core.Risk;
using Baton.Engine.Events;
using Baton.Engine.Strategy;
using Baton.Engine.Trading;
using static Baton.Engine.Tests.Trading.TestStrategies;

namespace Baton.Engine.Tests.Trading;

public class TradingEngineTests
{
    [Fact]
    public void A_decision_at_a_close_fills_at_the_next_open()
    {
        var candles = FromCloses(90, 95, 101, 103, 104);
        var run = Run(Level(100), null, null, candles);
        var entry = Assert.Single(run.Orders);
        Assert.Equal(OrderState.Filled, entry.State);
        Assert.Equal(2 * Day + Day, entry.CreatedAt);                      // decided at the close of bar 2
        Assert.Equal((decimal)candles[3].Open, entry.AveragePrice);        // filled at bar 3's open
        Assert.Equal(3 * Day + Day, entry.History[^1].Time);
    }

    [Fact]
    public void The_start_event_carries_the_first_candles_close_time_or_zero_when_stopped_before_any()
    {
        var log = new EventLog();
        Run(Level(100), log, null, FromCloses(90, 95));
        var start = Assert.IsType<PortfolioStateChanged>(log.Events[0]);
        Assert.Equal((PortfolioState.Initialized, PortfolioState.Trading, "engine started"), (start.From, start.To, start.Reason));
        Assert.Equal(Day, start.Time);                                      // the close of the first daily candle

        var early = new EventLog();
        var engine = new TradingEngine(Baton.Engine.Compilation.StrategyCompiler.Compile(Level(100)), new EngineSinks(early));
        engine.Stop("operator");
        Assert.Equal(["initialized>trading@0", "trading>stopped@0"],
            early.Events.OfType<PortfolioStateChanged>().Select(e => $"{WireNames.Of(e.From)}>{WireNames.Of(e.To)}@{e.Time}"));
        Assert.All(early.Events, e => Assert.Equal(0, e.Time));
    }

    [Fact]
    public void A_rule_whose_sizing_buys_less_than_one_unit_orders_nothing_and_says_why()
    {
        // 10% of 10,000 is 1,000: not one whole unit at 1,010 (whole units asked for)
        var d = Level(1000) with { Sizing = new SizingSpec { Kind = SizingKind.EquityFraction, Value = 0.1m, Fractional = false } };
        var log = new EventLog();
        var run = Run(d, log, null, FromCloses(900, 1010, 1020));
        Assert.Empty(run.Orders);
        var warning = log.Events.OfType<MessageLogged>().First();
        Assert.Equal(Severity.Warning, warning.Level);
        Assert.Equal(2 * Day, warning.Time);
        Assert.Equal("A: entry rule 1 fired at 1010 but its sizing gives less than one step of 1 units (equity 10000.00, cash 10000.00); " +
            "no order (whole units: sizing.fractional: true allows fractions)", warning.Message);
    }

    [Fact]
    public void An_unsized_rule_is_logged_once_then_counted_at_the_end()
    {
        var d = Level(1000) with { Sizing = new SizingSpec { Kind = SizingKind.EquityFraction, Value = 0.1m, Fractional = false } };
        var log = new EventLog();
        Run(d, log, null, FromCloses(900, 1010, 900, 1010, 900, 1010));
        var warnings = log.Events.OfType<MessageLogged>().ToList();
        Assert.Equal(3, warnings.Count);
        Assert.StartsWith("A: entry rule 1 fired at 1010 but", warnings[0].Message, StringComparison.Ordinal);
        Assert.Equal("entry rule 1 fired 3 times in all with a size below one step; no order each time", warnings[1].Message);
        Assert.Equal(6 * Day, warnings[1].Time);
        Assert.Equal("no trade: every entry signal (3) sized below one quantity step, so nothing was ordered; size larger, " +
            "or allow smaller quantities (sizing.step, sizing.fractional)", warnings[2].Message);   // the run's last word
        Assert.Same(warnings[2], log.Events[^1]);
    }

    [Fact]
    public void Sizing_is_fractional_by_default_however_it_is_spelled()
    {
        // 10% of 10,000 at 1,010: 0.990099 units, not 0 (the default step is 1e-8)
        var run = Run(Level(1000) with { Sizing = new SizingSpec { Kind = SizingKind.EquityFraction, Value = 0.1m } }, null, null,
            FromCloses(900, 1010, 1020));
        Assert.Equal(0.99009900m, Assert.Single(run.Orders).Quantity);
    }

    [Fact]
    public void Fill_at_close_is_an_explicit_opt_in()
    {
        var candles = FromCloses(90, 95, 101, 103, 104);
        var d = Level(100) with { Execution = new ExecutionSpec { Fill = FillTiming.Close } };
        var entry = Assert.Single(Run(d, null, null, candles).Orders);
        Assert.Equal(101m, entry.AveragePrice);
    }

    [Fact]
    public void Signal_exit_closes_the_position_and_books_a_trade()
    {
        var run = Run(Level(100), null, null, FromCloses(90, 101, 105, 99, 98, 97));
        var trade = Assert.Single(run.Trades);
        Assert.Equal(101m, trade.EntryPrice);   // bar 2 opens at bar 1's close
        Assert.Equal(99m, trade.ExitPrice);     // bar 4 opens at bar 3's close
        Assert.Equal(-20m, trade.Pnl);
        Assert.Equal("signal_exit", trade.ExitReason);
    }

    [Fact]
    public void Stop_loss_gapped_through_fills_at_the_open()
    {
        var candles = FromCloses(90, 101, 102, 102, 102);
        candles[3] = candles[3] with { Open = 80, High = 81, Low = 79, Close = 80 };   // gap down through the stop
        var d = Level(100) with { Exit = new ExitSpec { StopLoss = new PriceDistance(DistanceKind.Fraction, 0.05) } };
        var trade = Assert.Single(Run(d, null, null, candles).Trades);
        Assert.Equal("stop_loss", trade.ExitReason);
        Assert.Equal(80m, trade.ExitPrice);
    }

    [Fact]
    public void Take_profit_touched_intrabar_fills_at_the_target()
    {
        var candles = FromCloses(90, 100.5, 101, 101, 101);
        candles[3] = candles[3] with { High = 120 };
        var d = Level(100) with { Exit = new ExitSpec { TakeProfit = new PriceDistance(DistanceKind.Fraction, 0.1) } };
        var trade = Assert.Single(Run(d, null, null, candles).Trades);
        Assert.Equal("take_profit", trade.ExitReason);
        Assert.Equal(110.55m, trade.ExitPrice);   // entry at 100.5 (bar 2 open) + 10%
    }

    [Fact]
    public void Trailing_stop_follows_the_best_price()
    {
        var candles = FromCloses(90, 101, 110, 120, 130, 100);
        var d = Level(100) with { Exit = new ExitSpec { TrailingStop = new PriceDistance(DistanceKind.Fraction, 0.05) } };
        var trade = Assert.Single(Run(d, null, null, candles).Trades);
        Assert.Equal("trailing_stop", trade.ExitReason);
        // best high before the last bar is 130 * 1.01 = 131.3; 5% of the 101 entry price = 5.05 trail
        Assert.Equal(131.3m - 5.05m, trade.ExitPrice);
    }

    [Fact]
    public void Max_drawdown_breach_stops_trading_and_closes_all_when_asked()
    {
        var log = new EventLog();
        var d = Level(100) with
        {
            Sizing = new SizingSpec { Kind = SizingKind.Quantity, Value = 90 },
            Risk = new RiskSpec { MaxDrawdown = 0.05, OnBreach = BreachAction.CloseAll },
            Exit = new ExitSpec(),
        };
        var run = Run(d, log, null, FromCloses(90, 101, 102, 96, 94, 93, 101, 102));
        Assert.Equal(PortfolioState.Stopped, run.FinalState);
        var states = log.Events.OfType<PortfolioStateChanged>().Select(e => e.To).ToList();
        Assert.Equal([PortfolioState.Trading, PortfolioState.PositionOpen, PortfolioState.RiskLimitHit, PortfolioState.Stopped], states);   // Stopped is final
        Assert.Single(log.Events.OfType<TradingStopped>());
        Assert.Equal("risk_breach", Assert.Single(run.Trades).ExitReason);
        Assert.Equal(2, run.Orders.Count);   // no new entry after the stop, though close crosses 100 again
    }

    [Fact]
    public void Max_positions_rejects_with_a_logged_reason()
    {
        var log = new EventLog();
        var d = Level(100, "A", "B") with { Risk = new RiskSpec { MaxPositions = 1 } };
        var closes = FromCloses(90, 101, 102, 103);
        var run = Run(d, log, null, closes, closes);
        var rejected = Assert.Single(run.Orders, o => o.State == OrderState.Rejected);
        Assert.Equal(1, rejected.Symbol);   // same timestamp: A first by the tie-break, then B is rejected
        var risk = Assert.Single(log.Events.OfType<RiskDecided>(), e => e.Verdict == RiskVerdict.Rejected);
        Assert.Equal("max_positions", risk.Check);
        Assert.Equal("B", risk.Symbol);
    }

    [Fact]
    public void Position_size_above_the_cap_is_reduced_not_rejected()
    {
        var d = Level(100) with
        {
            Sizing = new SizingSpec { Kind = SizingKind.Quantity, Value = 50, Fractional = false },
            Risk = new RiskSpec { MaxPositionSize = 0.25 },
        };
        var entry = Assert.Single(Run(d, null, null, FromCloses(90, 101, 102)).Orders);
        Assert.Equal(24m, entry.Quantity);   // 25% of 10,000 at 101 = 24.75 units, whole units
    }

    [Fact]
    public void Short_entries_profit_from_a_fall()
    {
        var d = Level(100) with
        {
            Entry = [new RuleSpec("down", TradeAction.Short, default)],
            Exit = new ExitSpec { Signals = [new RuleSpec("up", TradeAction.Cover, default)] },
        };
        var trade = Assert.Single(Run(d, null, null, FromCloses(110, 99, 90, 80, 101, 102)).Trades);
        Assert.False(trade.IsLong);
        Assert.Equal((99m - 101m) * 10, trade.Pnl);
    }

    [Fact]
    public void Fees_and_slippage_are_charged_exactly()
    {
        var d = Level(100) with { Execution = new ExecutionSpec { FeeRate = 0.001m, FeePerOrder = 1m, SlippageBps = 10 } };
        var run = Run(d, null, null, FromCloses(90, 101, 105, 99, 98));
        var trade = Assert.Single(run.Trades);
        Assert.Equal(101.101m, trade.EntryPrice);
        Assert.Equal(98.901m, trade.ExitPrice);
        decimal fees = 101.101m * 10 * 0.001m + 1m + 98.901m * 10 * 0.001m + 1m;
        Assert.Equal(fees, trade.Fees);
        Assert.Equal((98.901m - 101.101m) * 10 - fees, trade.Pnl);
    }

    [Fact]
    public void Candles_out_of_time_order_are_refused()
    {
        var candles = FromCloses(90, 101, 102);
        (candles[1], candles[2]) = (candles[2], candles[1]);
        var engine = new TradingEngine(Compilation.StrategyCompiler.Compile(Level(100)), EngineSinks.None);
        engine.OnCandle(0, candles[0]);
        engine.OnCandle(0, candles[1]);
        Assert.Throws<InvalidOperationException>(() => engine.OnCandle(0, candles[2]));
    }
}
