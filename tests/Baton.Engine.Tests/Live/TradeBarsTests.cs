using Baton.Engine.Live;
using Baton.Engine.Live.Messages;

namespace Baton.Engine.Tests.Live;

public sealed class TradeBarsTests
{
    [Fact]
    public void Trades_become_the_candle_of_their_bar_when_a_later_bar_starts()
    {
        var d = Baton.Engine.Tests.Trading.TestStrategies.Level(1000);
        var live = new LiveEngine(LiveStrategies.Compile(d));
        long day = Baton.Engine.Tests.Trading.TestStrategies.Day;
        string Trade(long seq, long t, double p, double size) => LiveMessageWriter.Trade("tape", seq, "A", t, p, size);
        Assert.Empty(live.Apply(LiveMessageParser.Parse(LiveStreams.Prices, "1-0", Trade(1, 10, 100, 1)), false));
        live.Apply(LiveMessageParser.Parse(LiveStreams.Prices, "1-1", Trade(2, 20, 104, 2)), false);
        live.Apply(LiveMessageParser.Parse(LiveStreams.Prices, "1-2", Trade(3, 30, 98, 1)), false);
        live.Apply(LiveMessageParser.Parse(LiveStreams.Prices, "1-3", """{"v":1,"type":"quote","producer":"tape","seq":4,"symbol":"A","ts":40,"bid":101,"ask":103}"""), false);
        Assert.Equal(0, live.Time);                                 // no bar closed yet
        var closed = live.Apply(LiveMessageParser.Parse(LiveStreams.Prices, "1-4", Trade(5, day + 5, 110, 1)), false);
        Assert.Contains(closed, e => e is Baton.Engine.Events.PortfolioUpdated);
        Assert.Equal(day, live.Time);                               // the first day's bar, known at its close
        Assert.Equal(102, live.Portfolio.LastPrice(0));             // its close: the quote's mid price
        var late = LiveMessageParser.Parse(LiveStreams.Prices, "1-5", Trade(6, 50, 99, 1));
        Assert.StartsWith("ts: trade of A at 50 belongs to the bar at 0, already closed", live.Check(late), StringComparison.Ordinal);
    }
}
