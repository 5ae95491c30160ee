using Baton.Core.Signals;
using static Baton.Core.Tests.Signals.SignalRun;

namespace Baton.Core.Tests.Signals;

public class HammerSignalTests
{
    [Fact]
    public void Fires_on_a_small_body_at_the_top_with_a_long_lower_shadow()
    {
        var fired = Candles(new HammerSignal(),
            (9.8, 10, 8, 10),      // body 0.2, lower shadow 1.8, no upper shadow: hammer
            (10, 10.05, 8, 9.8),   // black body works too; upper shadow 0.05 <= 10% of 2.05
            (9.8, 11, 8, 10),      // upper shadow 1 of a 3 range: too long
            (9, 10, 8.5, 10),      // lower shadow 0.5 < 2 x body 1
            (10, 10, 10, 10));     // no range
        Assert.Equal([1, 1, 0, 0, 0], fired);
    }

    [Fact]
    public void Parameters_set_the_shadow_ratio_and_the_upper_shadow_allowed()
    {
        Assert.Equal([0], Candles(new HammerSignal(shadowRatio: 10), (9.8, 10, 8, 10)));
        Assert.Equal([1], Candles(new HammerSignal(maxUpperShadow: 0.4), (9.8, 11, 8, 10)));
    }

    [Fact]
    public void Ready_from_the_first_candle_and_refuses_bad_parameters()
    {
        Assert.Equal(1, new HammerSignal().WarmUpPeriod);
        Assert.Throws<ArgumentOutOfRangeException>(() => new HammerSignal(shadowRatio: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HammerSignal(maxUpperShadow: 1.5));
    }

    [Fact]
    public void Is_NaN_while_the_price_slots_are_empty()
    {
        Assert.True(double.IsNaN(new HammerSignal().Evaluate(Candle(N, N, N, N))));
    }
}
