using Baton.Core.Signals;
using static Baton.Core.Tests.Signals.SignalRun;

namespace Baton.Core.Tests.Signals;

public class DojiSignalTests
{
    [Fact]
    public void Fires_when_the_body_is_at_most_a_tenth_of_the_range()
    {
        var fired = Candles(new DojiSignal(),
            (10, 11, 9, 10.1),    // body 0.1 of a 2 range
            (10, 11, 9, 10.2),    // exactly 10%
            (10, 11, 9, 10.3),    // 15%
            (10, 10, 10, 10));    // four-price doji
        Assert.Equal([1, 1, 0, 1], fired);
    }

    [Fact]
    public void Max_body_is_a_parameter()
    {
        Assert.Equal([0, 1], Candles(new DojiSignal(maxBody: 0.04), (10, 11, 9, 10.1), (10, 11, 9, 10.05)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DojiSignal(maxBody: -0.1));
    }

    [Fact]
    public void Ready_from_the_first_candle_and_stateless_across_reset()
    {
        var signal = new DojiSignal();
        Assert.Equal(1, signal.WarmUpPeriod);
        signal.Reset();
        Assert.Equal([1], Candles(signal, (10, 11, 9, 10)));
    }
}
