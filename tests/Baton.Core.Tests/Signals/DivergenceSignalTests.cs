using Baton.Core.Signals;
using static Baton.Core.Tests.Signals.SignalRun;

namespace Baton.Core.Tests.Signals;

public class DivergenceSignalTests
{
    // slots: 0 price, 1 oscillator
    private static double[] Run(int lookback, bool bullish, params (double P, double O)[] rows) =>
        Rows(new DivergenceSignal(0, 1, lookback, bullish), [.. rows.Select(r => new[] { r.P, r.O })]);

    [Fact]
    public void Bullish_fires_on_a_lower_price_low_with_a_higher_oscillator_low()
    {
        var fired = Run(3, true, (10, 30), (9, 25), (9.5, 28), (8, 27), (7, 20), (7.5, 40), (6.9, 21));
        // t3: 8 < 9 (t1) and 27 > 25: fires. t4: 7 < 8 (t3) but 20 < 27. t5: no lower low. t6: 6.9 < 7 (t4), 21 > 20.
        Assert.Equal([N, N, N, 1, 0, 0, 1], fired);
    }

    [Fact]
    public void Bearish_fires_on_a_higher_price_high_with_a_lower_oscillator_high()
    {
        var fired = Run(3, false, (10, 70), (12, 75), (11, 60), (13, 72), (14, 80));
        Assert.Equal([N, N, N, 1, 0], fired);
    }

    [Fact]
    public void A_low_older_than_the_lookback_is_forgotten()
    {
        // the 5 of t0 is out of the 2-candle window at t3, so 7 is a lower low than the window's 8
        Assert.Equal([N, N, 0, 1], Run(2, true, (5, 10), (9, 30), (8, 35), (7, 40)));
    }

    [Fact]
    public void Among_equal_lows_the_most_recent_is_compared()
    {
        // lows 9 at t0 (osc 20) and t1 (osc 30): compared with t1, 25 is not a higher oscillator low
        Assert.Equal([N, N, N, 0], Run(3, true, (9, 20), (9, 30), (10, 50), (8, 25)));
    }

    [Fact]
    public void Not_ready_until_lookback_plus_one_candles_with_both_inputs()
    {
        var fired = Run(2, true, (10, N), (9, N), (10, 30), (9, 25), (8, 27));
        Assert.Equal([N, N, N, N, 1], fired);
        Assert.Equal(3, new DivergenceSignal(0, 1, 2, true).WarmUpPeriod);
    }

    [Fact]
    public void Reset_forgets_the_window()
    {
        var signal = new DivergenceSignal(0, 1, 1, true);
        Rows(signal, [10, 30], [9, 35]);
        signal.Reset();
        Assert.Equal([N, 1], Rows(signal, [10, 30], [9, 35]));
    }
}
