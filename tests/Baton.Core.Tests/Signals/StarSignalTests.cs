using Baton.Core.Signals;
using static Baton.Core.Tests.Signals.SignalRun;

namespace Baton.Core.Tests.Signals;

public class StarSignalTests
{
    private static readonly (double, double, double, double) LongBlack = (10, 10.2, 7.8, 8);       // body 2 of 2.4
    private static readonly (double, double, double, double) LowStar = (7.9, 8, 7.4, 7.6);         // body 0.3, top 7.9 <= 8
    private static readonly (double, double, double, double) StrongWhite = (7.7, 9.6, 7.6, 9.5);   // closes above 9, the middle
    private static readonly (double, double, double, double) LongWhite = (8, 10.2, 7.8, 10);
    private static readonly (double, double, double, double) HighStar = (10.1, 10.6, 10, 10.4);
    private static readonly (double, double, double, double) StrongBlack = (10.3, 10.4, 8.5, 8.6);

    [Fact]
    public void Morning_star_fires_on_the_third_candle()
    {
        var fired = Candles(new StarSignal(morning: true), (10.5, 10.6, 9.9, 10), LongBlack, LowStar, StrongWhite, (9.5, 9.8, 9.4, 9.7));
        Assert.Equal([N, N, 0, 1, 0], fired);
    }

    [Fact]
    public void Evening_star_mirrors_it()
    {
        Assert.Equal([N, N, 1], Candles(new StarSignal(morning: false), LongWhite, HighStar, StrongBlack));
        Assert.Equal([N, N, 0], Candles(new StarSignal(morning: true), LongWhite, HighStar, StrongBlack));
    }

    [Fact]
    public void Each_condition_is_needed()
    {
        static double Third(params (double, double, double, double)[] c) => Candles(new StarSignal(morning: true), c)[2];
        Assert.Equal(1, Third(LongBlack, LowStar, StrongWhite));
        Assert.Equal(0, Third(LongBlack, LowStar, (7.7, 9, 7.6, 8.9)));            // closes below the middle of the first body
        Assert.Equal(0, Third(LongBlack, (7.9, 8, 7, 7.1), StrongWhite));          // star body 0.8 > 0.3 x 2
        Assert.Equal(0, Third(LongBlack, (8.1, 8.3, 7.9, 8.2), StrongWhite));      // star above the first close
        Assert.Equal(0, Third((10, 12, 6, 8), LowStar, StrongWhite));              // first body 2 of a 6 range: not long
        Assert.Equal(0, Third(LongBlack, LowStar, (9.6, 9.7, 9.4, 9.5)));          // third candle black
    }

    [Fact]
    public void Star_body_is_a_parameter()
    {
        Assert.Equal([N, N, 1], Candles(new StarSignal(morning: true, starBody: 0.5), LongBlack, (7.9, 8, 7, 7.1), StrongWhite));
    }

    [Fact]
    public void Reset_forgets_the_last_two_candles()
    {
        var signal = new StarSignal(morning: true);
        Candles(signal, LongBlack, LowStar);
        signal.Reset();
        Assert.Equal([N, N, 1], Candles(signal, LongBlack, LowStar, StrongWhite));
        Assert.Equal(3, signal.WarmUpPeriod);
    }
}
