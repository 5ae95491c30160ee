using Baton.Research.Robustness;

namespace Baton.Research.Tests.Robustness;

public sealed class DistributionTests
{
    [Fact]
    public void Percentiles_interpolate_between_order_statistics()
    {
        var d = Distribution.Of([4.0, 1.0, 3.0, 2.0]);
        Assert.Equal(1.15, d.P5, 1e-12);    // (4 − 1) · 0.05 = 0.15 past the first
        Assert.Equal(1.75, d.P25, 1e-12);
        Assert.Equal(2.5, d.P50, 1e-12);
        Assert.Equal(3.25, d.P75, 1e-12);
        Assert.Equal(3.85, d.P95, 1e-12);
        Assert.Equal(2.5, d.Mean, 1e-12);
    }

    [Fact]
    public void Histogram_counts_every_value_once_with_the_maximum_in_the_last_bin()
    {
        var d = Distribution.Of(Enumerable.Range(0, 101).Select(i => (double)i).ToArray(), bins: 4);
        Assert.Equal([0.0, 25, 50, 75, 100], d.Histogram.Edges);
        Assert.Equal([25, 25, 25, 26], d.Histogram.Counts);
    }

    [Fact]
    public void Values_equal_up_to_rounding_are_one_bin()
    {
        var d = Distribution.Of([104340.45580000001, 104340.4558, 104340.45579999999]);
        Assert.Equal([3], d.Histogram.Counts);
        Assert.Equal(2, Distribution.Of([1.0, 1.0 + 1e-6]).Histogram.Counts.Count(c => c > 0));
    }

    [Fact]
    public void One_value_is_one_bin_of_width_0()
    {
        var d = Distribution.Of([7.0, 7.0]);
        Assert.Equal([7.0, 7.0], d.Histogram.Edges);
        Assert.Equal([2], d.Histogram.Counts);
        Assert.Equal(7.0, d.P5);
    }
}
