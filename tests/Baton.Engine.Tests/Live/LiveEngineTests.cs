using Baton.Core.Portfolio;
using Baton.Engine.Events;
using Baton.Engine.Live;
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
        Assert.DoesNotContain(live.Apply(Parse(LiveStreams.Prices, LiveStrategies.Candle(1, c[0])), false), e => e is OrderEvent);
        Assert.Empty(live.Apply(Parse(LiveStreams.Signals, LiveStrategies.Signal(1, 1)), false));
        var decided = live.Apply(Parse(LiveStreams.Prices, LiveStrategies.Candle(2, c[1])), false).OfType<OrderEvent>().ToList();
        Assert.Contains(decided, o => o.State == "submitted" && o.Side == "buy" && o.Time == 2 * TestStrategies.Day);
        var filled = live.Apply(Parse(LiveStreams.Prices, LiveStrategies.Candle(3, c[2])), false);
        Assert.Contains(filled, e => e is FillEvent);
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
        Assert.DoesNotContain(decisions, e => e is OrderEvent);
        Assert.Equal(c[1].Close, live.Portfolio.LastPrice(0));
    }

    [Fact]
    public void Stop_moves_to_stopped_with_the_reason_and_blocks_entries()
    {
        var live = new LiveEngine(LiveStrategies.Compile(LiveStrategies.Signalled()));
        var c = LiveStrategies.Rising(3);
        live.Apply(Parse(LiveStreams.Prices, LiveStrategies.Candle(1, c[0])), false);
        var stop = live.Apply(Parse(LiveStreams.Control, LiveMessageWriter.Stop("ops", 1, "x", "maintenance")), false);
        Assert.Contains(stop, e => e is StoppedEvent { Reason: "maintenance" });
        Assert.Equal(PortfolioState.Stopped, live.Portfolio.State);
        live.Apply(Parse(LiveStreams.Signals, LiveStrategies.Signal(1, 1)), false);
        Assert.DoesNotContain(live.Apply(Parse(LiveStreams.Prices, LiveStrategies.Candle(2, c[1])), false), e => e is OrderEvent);
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
}
