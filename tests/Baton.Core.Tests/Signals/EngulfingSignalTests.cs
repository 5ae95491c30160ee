using Baton.Core.Signals;
using static Baton.Core.Tests.Signals.SignalRun;

namespace Baton.Core.Tests.Signals;

public class EngulfingSignalTests
{
    [Fact]
    public void Bullish_fires_when_a_white_body_covers_the_previous_black_body()
    {
        var fired = Candles(new EngulfingSignal(bullish: true),
            (10.5, 11, 10, 10.2),     // small white
            (10, 10.5, 8.5, 9),       // black, body 9..10
            (8.8, 10.5, 8.5, 10.2),   // white, body 8.8..10.2 covers 9..10: fires
            (10.2, 10.6, 10, 10.4));  // white after white
        Assert.Equal([N, 0, 1, 0], fired);
    }

    [Fact]
    public void Bearish_fires_when_a_black_body_covers_the_previous_white_body()
    {
        var fired = Candles(new EngulfingSignal(bullish: false), (9, 10.5, 8.5, 10), (10.2, 10.5, 8.5, 8.8));
        Assert.Equal([N, 1], fired);
        Assert.Equal([N, 0], Candles(new EngulfingSignal(bullish: true), (9, 10.5, 8.5, 10), (10.2, 10.5, 8.5, 8.8)));
    }

    [Theory]
    [InlineData(8.8, 9.9)]    // closes below the previous open
    [InlineData(9.1, 10.2)]   // opens above the previous close
    [InlineData(9, 10)]       // exactly the same body: not longer
    public void A_body_that_does_not_cover_the_previous_one_is_not_engulfing(double open, double close)
    {
        var fired = Candles(new EngulfingSignal(bullish: true), (10, 10.5, 8.5, 9), (open, 10.5, 8.5, close));
        Assert.Equal([N, 0], fired);
    }

    [Fact]
    public void Shadows_do_not_matter()
    {
        // the first candle's shadows reach far beyond the second body; only bodies are compared
        Assert.Equal([N, 1], Candles(new EngulfingSignal(bullish: true), (10, 20, 1, 9), (8.9, 10.1, 8.8, 10.1)));
    }

    [Fact]
    public void Reset_forgets_the_previous_candle()
    {
        var signal = new EngulfingSignal(bullish: true);
        Candles(signal, (10, 10.5, 8.5, 9));
        signal.Reset();
        Assert.Equal([N], Candles(signal, (8.8, 10.5, 8.5, 10.2)));
        Assert.Equal(2, signal.WarmUpPeriod);
    }
}
