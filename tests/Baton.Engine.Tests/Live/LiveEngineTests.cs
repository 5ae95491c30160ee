using Baton.Core.Orders;
using Baton.Core.Portfolio;
using Baton.Engine.Events;
using Baton.Engine.Live;
using Baton.Engine.Live.Messages;
using Baton.Engine.Tests.Trading;

namespace Baton.Engine.Tests.Live;

public sealed class LiveEngineTests
{
    private static LiveMessage Parse(string stream, string json) => LiveMessageParser.Parse(stream, "1-0", json);

    [Fact]
    public void Same_candles_live_give_the_backtest_s_orders_and_equity()
    {
        var d = TestStrategies.Level(105);
        var closes = new double[] { 100, 103, 106, 108, 104, 102, 107, 110, 103, 101 };
        var candles = TestStrategies.FromCloses(closes);
        var backtest = TestStrategies.Run(d, data: [candles]);
        var live = new LiveEngine(LiveStrategies.Compile(d));
        for (int i = 0; i < candles.Length; i++) live.Apply(Parse(LiveStreams.Prices, LiveStrategies.Candle(i + 1, candles[i])), stale: false);
        Assert.NotEmpty(backtest.Orders);
        Assert.Equal(backtest.Orders.Select(o => (o.Id, o.State, o.AveragePrice, o.FilledQuantity)),
            live.Engine.Orders.Select(o => (o.Id, o.State, o.AveragePrice, o.FilledQuantity)));
        Assert.Equal(backtest.FinalEquity, live.Portfolio.Equity);
    }

    [Fact]
    public void Signal_counts_at_the_next_candle_close_of_its_symbol()
    {
        var live = new LiveEngine(LiveStrategies.Compile(LiveStrategies.Signalled()));
        var c = LiveStrategies.Rising(3);
        Assert.DoesNotContain(live.Apply(Parse(LiveStreams.Prices, LiveStrategies.Candle(1, c[0])), false), e => e is OrderStateChanged);
        Assert.Empty(live.Apply(Parse(LiveStreams.Signals, LiveStrategies.Signal(1, 1)), false));
        var decided = live.Apply(Parse(LiveStreams.Prices, LiveStrategies.Candle(2, c[1])), false).OfType<OrderStateChanged>().ToList();
        Assert.Contains(decided, o => o.State == OrderState.Submitted && o.Side == OrderSide.Buy && o.Time == 2 * TestStrategies.Day);
        var filled = live.Apply(Parse(LiveStreams.Prices, LiveStrategies.Candle(3, c[2])), false);
        Assert.Contains(filled, e => e is OrderFilled);
        Assert.Equal(PortfolioState.PositionOpen, live.Portfolio.State);
    }

    [Fact]
    public void Stale_candle_updates_the_engine_but_places_no_order()
    {
        var live = new LiveEngine(LiveStrategies.Compile(LiveStrategies.Signalled()));
        var c = LiveStrategies.Rising(2);
        live.Apply(Parse(LiveStreams.Prices, LiveStrategies.Candle(1, c[0])), false);
        live.Apply(Parse(LiveStreams.Signals, LiveStrategies.Signal(1, 1)), false);
        var decisions = live.Apply(Parse(LiveStreams.Prices, LiveStrategies.Candle(2, c[1])), stale: true);
        Assert.DoesNotContain(decisions, e => e is OrderStateChanged);
        Assert.Equal(c[1].Close, live.Portfolio.LastPrice(0));
    }

    [Fact]
    public void Stop_moves_to_stopped_with_the_reason_and_blocks_entries()
    {
        var live = new LiveEngine(LiveStrategies.Compile(LiveStrategies.Signalled()));
        var c = LiveStrategies.Rising(3);
        live.Apply(Parse(LiveStreams.Prices, LiveStrategies.Candle(1, c[0])), false);
        var stop = live.Apply(Parse(LiveStreams.Control, LiveMessageWriter.Stop("ops", 1, "x", "maintenance")), false);
        Assert.Contains(stop, e => e is TradingStopped { Reason: "maintenance" });
        Assert.Equal(PortfolioState.Stopped, live.Portfolio.State);
        live.Apply(Parse(LiveStreams.Signals, LiveStrategies.Signal(1, 1)), false);
        Assert.DoesNotContain(live.Apply(Parse(LiveStreams.Prices, LiveStrategies.Candle(2, c[1])), false), e => e is OrderStateChanged);
    }

    [Fact]
    public void Check_names_what_is_wrong_with_a_message_for_this_strategy()
    {
        var live = new LiveEngine(LiveStrategies.Compile(LiveStrategies.Signalled()));
        var c = LiveStrategies.Rising(2);
        Assert.StartsWith("symbol: expected one of the strategy's symbols (A)", live.Check(Parse(LiveStreams.Signals, LiveStrategies.Signal(1, 1, "ZZZ"))), StringComparison.Ordinal);
        string other = LiveMessageWriter.Signal("p", 1, "i", "A", "other", 1);
        Assert.StartsWith("signal: expected one of the strategy's external signals (ml)", live.Check(Parse(LiveStreams.Signals, other)), StringComparison.Ordinal);
        live.Apply(Parse(LiveStreams.Prices, LiveStrategies.Candle(1, c[1])), false);
        Assert.StartsWith("ts: candle of A at 0 is not after the last one applied", live.Check(Parse(LiveStreams.Prices, LiveStrategies.Candle(2, c[0]))), StringComparison.Ordinal);
    }

    private static readonly double[] ClosesA = [100, 103, 106, 108, 104, 102, 107, 110, 103, 101];
    private static readonly double[] ClosesB = [110, 104, 101, 106, 109, 111, 104, 100, 107, 108];

    /// <summary>Feeds A's candles <paramref name="lead"/> bars ahead of B's, as two feeds with different delays deliver them.</summary>
    private static List<(string Symbol, Core.Market.Candle Candle)> Skewed(int lead)
    {
        var a = TestStrategies.FromCloses(ClosesA);
        var b = TestStrategies.FromCloses(ClosesB);
        var order = new List<(string, Core.Market.Candle)>();
        for (int i = 0; i < a.Length + lead; i++)
        {
            if (i < a.Length) order.Add(("A", a[i]));
            if (i >= lead) order.Add(("B", b[i - lead]));
        }
        return order;
    }

    [Fact]
    public void Two_symbols_arriving_two_bars_apart_give_the_backtest_s_orders()
    {
        var d = TestStrategies.Level(105, "A", "B");
        var backtest = TestStrategies.Run(d, data: [TestStrategies.FromCloses(ClosesA), TestStrategies.FromCloses(ClosesB)]);
        var live = new LiveEngine(LiveStrategies.Compile(d), maxSkewBars: 5);
        int seq = 0;
        foreach (var (symbol, candle) in Skewed(lead: 2))
        {
            var m = Parse(LiveStreams.Prices, LiveStrategies.Candle(++seq, candle, symbol));
            Assert.Null(live.Check(m));
            live.Apply(m, stale: false);
        }
        Assert.Equal(0, live.Held);
        Assert.True(backtest.Orders.Count >= 4);
        Assert.Equal(backtest.Orders.Select(o => (o.Id, o.Symbol, o.State, o.AveragePrice, o.FilledQuantity)),
            live.Engine.Orders.Select(o => (o.Id, o.Symbol, o.State, o.AveragePrice, o.FilledQuantity)));
        Assert.Equal(backtest.FinalEquity, live.Portfolio.Equity);
    }

    [Fact]
    public void Candle_of_a_symbol_more_than_the_bound_behind_is_refused_naming_the_bound()
    {
        var live = new LiveEngine(LiveStrategies.Compile(TestStrategies.Level(105, "A", "B")), maxSkewBars: 2);
        var order = Skewed(lead: 4);
        int seq = 0;
        string? refused = null;
        foreach (var (symbol, candle) in order)
        {
            var m = Parse(LiveStreams.Prices, LiveStrategies.Candle(++seq, candle, symbol));
            if (live.Check(m) is { } problem) refused ??= problem;
            else live.Apply(m, stale: false);
        }
        Assert.Equal($"ts: candle of B closing at {TestStrategies.Day} arrived after the engine reached {5 * TestStrategies.Day} " +
            "(other symbols may run at most 2 bars ahead of the slowest: --max-skew)", refused);
        Assert.Equal(ClosesA[^1], live.Portfolio.LastPrice(0));
        Assert.Equal(ClosesB[^1], live.Portfolio.LastPrice(1));
    }

    [Fact]
    public void Without_a_skew_bound_a_symbol_one_bar_behind_is_refused()
    {
        var live = new LiveEngine(LiveStrategies.Compile(TestStrategies.Level(105, "A", "B")), maxSkewBars: 0);
        var (a, b) = (TestStrategies.FromCloses(ClosesA), TestStrategies.FromCloses(ClosesB));
        live.Apply(Parse(LiveStreams.Prices, LiveStrategies.Candle(1, a[0], "A")), false);
        live.Apply(Parse(LiveStreams.Prices, LiveStrategies.Candle(2, a[1], "A")), false);
        Assert.Equal(0, live.Held);
        Assert.StartsWith("ts: candle of B closing at", live.Check(Parse(LiveStreams.Prices, LiveStrategies.Candle(3, b[0], "B"))), StringComparison.Ordinal);
    }

    [Fact]
    public void Signal_counts_at_the_first_candle_of_its_symbol_received_after_it_while_candles_wait()
    {
        var live = new LiveEngine(LiveStrategies.Compile(LiveStrategies.Signalled("A", "B")), maxSkewBars: 5);
        var c = LiveStrategies.Rising(3);
        var decided = new List<EngineEvent>();
        void Feed(string json, string stream = LiveStreams.Prices) => decided.AddRange(live.Apply(Parse(stream, json), false));
        Feed(LiveStrategies.Candle(1, c[0], "A"));
        Feed(LiveStrategies.Candle(2, c[1], "A"));
        Feed(LiveStrategies.Signal(1, 1, "A"), LiveStreams.Signals);
        Feed(LiveStrategies.Candle(3, c[2], "A"));
        Assert.Equal(3, live.Held);
        Assert.DoesNotContain(decided, e => e is OrderStateChanged);
        Feed(LiveStrategies.Candle(4, c[0], "B"));
        Feed(LiveStrategies.Candle(5, c[1], "B"));
        Assert.Equal(1, live.Held);
        Assert.DoesNotContain(decided, e => e is OrderStateChanged);
        Feed(LiveStrategies.Candle(6, c[2], "B"));
        Assert.Equal(0, live.Held);
        var order = Assert.Single(decided.OfType<OrderStateChanged>(), o => o.State == OrderState.Submitted);
        Assert.Equal(("A", OrderSide.Buy, 3 * TestStrategies.Day), (order.Symbol, order.Side, order.Time));
    }
}
