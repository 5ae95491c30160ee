using Baton.Core.Signals;
using static Baton.Core.Tests.Signals.SignalRun;

namespace Baton.Core.Tests.Signals;

public class BreakoutSignalTests
{
    // slots: 0 input, 1 upper, 2 lower
    private static double[] Run(BreakoutDirection direction, params (double X, double U, double L)[] rows) =>
        Rows(new BreakoutSignal(0, 1, 2, direction), [.. rows.Select(r => new[] { r.X, r.U, r.L })]);

    [Fact]
    public void Up_fires_on_the_candle_that_closes_above_the_previous_upper_band()
    {
        var fired = Run(BreakoutDirection.Up, (9, 10, 5), (9.5, 10, 5), (11, 11, 5), (12, 12, 5), (11, 12, 5), (13, 13, 5));
        Assert.Equal([N, N, 1, 0, 0, 1], fired);
    }

    [Fact]
    public void The_band_compared_is_the_previous_candles_not_the_current_one()
    {
        // 10.5 is below the current upper (12) but above the previous one (10): a breakout
        Assert.Equal([N, N, 1], Run(BreakoutDirection.Up, (9, 10, 5), (9, 10, 5), (10.5, 12, 5)));
    }

    [Fact]
    public void Closing_exactly_at_the_previous_band_is_not_a_breakout()
    {
        Assert.Equal([N, N, 0, 1], Run(BreakoutDirection.Up, (9, 10, 5), (9, 10, 5), (10, 10, 5), (10.01, 10.01, 5)));
    }

    [Fact]
    public void Down_fires_below_the_previous_lower_band_and_ignores_the_upper()
    {
        var fired = Run(BreakoutDirection.Down, (7, 10, 5), (7, 10, 5), (4, 10, 4), (3, 10, 3), (20, 20, 3), (2, 20, 2));
        Assert.Equal([N, N, 1, 0, 0, 1], fired);
    }

    [Fact]
    public void Any_fires_on_either_edge()
    {
        var fired = Run(BreakoutDirection.Any, (7, 10, 5), (7, 10, 5), (11, 11, 5), (4, 11, 4), (7, 11, 4));
        Assert.Equal([N, N, 1, 1, 0], fired);
    }

    [Fact]
    public void A_candle_already_beyond_when_warm_up_ends_is_not_a_fresh_breakout()
    {
        // candles 2 and 3 both close above the previous band: the cross happened on candle 2, inside the warm-up
        Assert.Equal([N, N, 0, 0, 1], Run(BreakoutDirection.Up, (9, 10, 5), (11, 11, 5), (12, 12, 5), (11, 12, 5), (13, 13, 5)));
    }

    [Fact]
    public void Not_ready_until_the_band_has_been_ready_for_three_candles()
    {
        var fired = Run(BreakoutDirection.Up, (9, N, N), (9, N, N), (9, 10, 5), (9, 10, 5), (11, 11, 5));
        Assert.Equal([N, N, N, N, 1], fired);
        Assert.Equal(3, new BreakoutSignal(0, 1, -1, BreakoutDirection.Up).WarmUpPeriod);
    }

    [Fact]
    public void Upper_only_channel_works_without_a_lower_slot()
    {
        var signal = new BreakoutSignal(0, 1, -1, BreakoutDirection.Any);
        Assert.Equal([N, N, 1], Rows(signal, [9, 10], [9, 10], [11, 11]));
    }

    [Fact]
    public void Reset_forgets_the_history()
    {
        var signal = new BreakoutSignal(0, 1, 2, BreakoutDirection.Up);
        Rows(signal, [9, 10, 5], [9, 10, 5], [11, 11, 5]);
        signal.Reset();
        Assert.Equal([N, N, 0, 1], Rows(signal, [9, 10, 5], [9, 10, 5], [9, 10, 5], [11, 11, 5]));
    }

    [Fact]
    public void A_direction_without_its_band_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new BreakoutSignal(0, -1, 2, BreakoutDirection.Up));
        Assert.Throws<ArgumentException>(() => new BreakoutSignal(0, 1, -1, BreakoutDirection.Down));
    }
}
