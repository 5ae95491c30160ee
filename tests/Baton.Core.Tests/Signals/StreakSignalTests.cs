using Baton.Core.Signals;
using static Baton.Core.Tests.Signals.SignalRun;

namespace Baton.Core.Tests.Signals;

public class StreakSignalTests
{
    [Fact]
    public void Rising_holds_on_every_candle_that_ends_n_strict_rises()
    {
        var fired = Series(new StreakSignal(0, 3, rising: true), 1, 2, 3, 4, 5, 5, 6, 7, 8, 9);
        Assert.Equal([N, N, N, 1, 1, 0, 0, 0, 1, 1], fired);
    }

    [Fact]
    public void Falling_mirrors_rising()
    {
        var fired = Series(new StreakSignal(0, 2, rising: false), 9, 8, 7, 8, 7, 6, 6);
        Assert.Equal([N, N, 1, 0, 0, 1, 0], fired);
    }

    [Fact]
    public void A_change_within_a_relative_1e_12_is_no_change()
    {
        Assert.Equal([N, 0, 1], Series(new StreakSignal(0, 1, rising: true), 100, 100 * (1 + 5e-13), 101));
    }

    [Fact]
    public void Warm_up_is_bars_plus_one_and_a_nan_input_starts_over()
    {
        var signal = new StreakSignal(0, 2, rising: true);
        Assert.Equal(3, signal.WarmUpPeriod);
        Assert.Equal([N, N, 1, N, N, N, 1], Series(signal, 1, 2, 3, N, 4, 5, 6));
    }

    [Fact]
    public void Reset_forgets_the_run()
    {
        var signal = new StreakSignal(0, 2, rising: true);
        Series(signal, 1, 2, 3);
        signal.Reset();
        Assert.Equal([N, N, 1], Series(signal, 4, 5, 6));
    }
}
