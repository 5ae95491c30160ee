using Baton.Core.Signals;

namespace Baton.Core.Tests.Signals;

public class SignalTests
{
    private static double[] Run(SignalComponent signal, params (double A, double B)[] values) =>
        values.Select(v => signal.Evaluate([v.A, v.B])).ToArray();

    [Fact]
    public void Crossover_fires_once_when_a_crosses_above_b()
    {
        var fired = Run(new CrossoverSignal(0, 1), (1, 2), (1.5, 2), (3, 2), (4, 2), (1, 2), (3, 2));
        Assert.Equal([0, 0, 1, 0, 0, 1], fired);
    }

    [Fact]
    public void Crossover_is_NaN_until_both_inputs_are_ready()
    {
        var fired = Run(new CrossoverSignal(0, 1), (double.NaN, 2), (1, double.NaN), (1, 2));
        Assert.True(double.IsNaN(fired[0]) && double.IsNaN(fired[1]));
        Assert.Equal(0, fired[2]);
    }

    [Fact]
    public void An_exact_tie_neither_fires_nor_hides_the_next_cross()
    {
        // below, tie, above: the cross happens on the third candle, against the last differing side
        Assert.Equal([0, 0, 1], Run(new CrossoverSignal(0, 1), (1, 2), (2, 2), (3, 2)));
        // below, tie, below: nothing
        Assert.Equal([0, 0, 0], Run(new CrossoverSignal(0, 1), (1, 2), (2, 2), (1, 2)));
    }

    [Fact]
    public void Values_equal_within_a_relative_1e_12_count_as_a_tie()
    {
        double b = 100.0;
        Assert.Equal([0, 0, 0], Run(new CrossoverSignal(0, 1), (99, b), (b * (1 + 5e-13), b), (99, b)));
        Assert.Equal([0, 1], Run(new CrossoverSignal(0, 1), (99, b), (b * (1 + 1e-11), b)));
    }

    [Fact]
    public void Threshold_fires_on_the_downward_cross_of_the_level()
    {
        var signal = new ThresholdSignal(0, 30, upward: false);
        var fired = new[] { 35.0, 31, 29, 25, 31, 30, 28 }.Select(x => signal.Evaluate([x])).ToArray();
        Assert.Equal([0, 0, 1, 0, 0, 0, 1], fired);
    }

    [Fact]
    public void Reset_forgets_the_last_side()
    {
        var signal = new CrossoverSignal(0, 1);
        signal.Evaluate([1, 2]);
        signal.Reset();
        Assert.Equal(0, signal.Evaluate([3, 2]));
    }
}
