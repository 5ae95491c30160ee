using Baton.Research.Robustness;

namespace Baton.Research.Tests.Robustness;

public sealed class StandardNormalTests
{
    // Textbook values of Φ and Φ⁻¹ (tables of the standard normal, to the digits printed there).
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.0, 0.8413447460685429)]
    [InlineData(-1.0, 0.15865525393145707)]
    [InlineData(1.959963984540054, 0.975)]
    [InlineData(-1.6448536269514722, 0.05)]
    [InlineData(3.0, 0.9986501019683699)]
    public void Cdf_matches_the_tables(double x, double expected) =>
        Assert.Equal(expected, StandardNormal.Cdf(x), 1e-12);

    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.99, 2.3263478740408408)]
    [InlineData(0.05, -1.6448536269514722)]
    [InlineData(0.999, 3.090232306167813)]
    public void Quantile_matches_the_tables(double p, double expected) =>
        Assert.Equal(expected, StandardNormal.Quantile(p), 1e-9);

    [Fact]
    public void Quantile_is_infinite_at_the_ends_and_refuses_probabilities_outside_0_1()
    {
        Assert.Equal(double.NegativeInfinity, StandardNormal.Quantile(0));
        Assert.Equal(double.PositiveInfinity, StandardNormal.Quantile(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => StandardNormal.Quantile(1.5));
    }
}
