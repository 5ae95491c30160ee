using Baton.Research.Parameters;

namespace Baton.Research.Tests.Parameters;

public sealed class ParameterSpaceTests
{
    [Theory]
    [InlineData("p=5..20:5", "5 10 15 20")]
    [InlineData("p=5..22:5", "5 10 15 20")]
    [InlineData("p=1..4", "1 2 3 4")]
    [InlineData("p=0.1..0.3:0.1", "0.1 0.2 0.3")]
    [InlineData("p=1.50..2:0.25", "1.5 1.75 2")]
    [InlineData("p=-1..1:0.5", "-1 -0.5 0 0.5 1")]
    [InlineData("p=1%..3%:0.5%", "1% 1.5% 2% 2.5% 3%")]
    [InlineData("p=1%,2%, 3%", "1% 2% 3%")]
    [InlineData("p=30,10,20", "30 10 20")]
    [InlineData("p=7", "7")]
    [InlineData("p=2.50", "2.5")]
    [InlineData("p=3..3:1", "3")]
    public void Values_are_exact_texts_without_trailing_zeros(string arg, string expected)
    {
        var space = ParameterSpace.Parse([arg]);
        Assert.Equal(expected.Split(' '), space.Axes[0].Values);
    }

    [Fact]
    public void Percentages_are_fractions_as_numbers()
    {
        var axis = ParameterSpace.Parse(["stop=1%..2%:0.5%"]).Axes[0];
        Assert.Equal([0.01, 0.015, 0.02], axis.Numbers);
    }

    [Theory]
    [InlineData("p=", "not a number")]
    [InlineData("p=a..b:1", "not a number")]
    [InlineData("p=10..5:1", "reversed")]
    [InlineData("p=1..5:0", "step greater than 0")]
    [InlineData("p=1..5:-1", "step greater than 0")]
    [InlineData("p=NaN", "not a number")]
    [InlineData("p=Infinity", "not a number")]
    [InlineData("p=∞", "not a number")]
    [InlineData("p=1e308", "not a number")]
    [InlineData("p=10000000000000", "too large")]
    [InlineData("p=1..2000000:1", "at most 1000000 points")]
    [InlineData("p=0..1000000000000:0.0000000000000000000000000001", "too many values")]
    [InlineData("p=1%..3:1", "percent")]
    [InlineData("p=1%,2", "percent")]
    [InlineData("p=1,2,1", "listed twice")]
    [InlineData("p=1.5..3", "expected a step")]
    [InlineData("p=1,,2", "not a number")]
    [InlineData("=1..2", "expected NAME=VALUES")]
    [InlineData("p", "expected NAME=VALUES")]
    [InlineData("../x=1", "expected NAME=VALUES")]
    public void Bad_values_are_clear_one_line_errors(string arg, string expected)
    {
        var e = Assert.Throws<SweepInputException>(() => ParameterSpace.Parse([arg]));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_name_given_twice_an_empty_list_and_a_grid_past_the_cap_are_refused()
    {
        Assert.Contains("given twice", Assert.Throws<SweepInputException>(() => ParameterSpace.Parse(["a=1,2", "a=3"])).Message, StringComparison.Ordinal);
        Assert.Contains("at least one", Assert.Throws<SweepInputException>(() => ParameterSpace.Parse([])).Message, StringComparison.Ordinal);
        var e = Assert.Throws<SweepInputException>(() => ParameterSpace.Parse(["a=1..1000", "b=1..1000", "c=1,2"]));
        Assert.Contains("more than 1,000,000 points", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parameter_the_strategy_lacks_is_refused_naming_the_valid_ones()
    {
        var space = ParameterSpace.Parse(["fast=1,2"]);
        var e = Assert.Throws<SweepInputException>(() => space.RequireKnown(["fast_period", "slow_period"], "s.yaml"));
        Assert.Equal("--param fast: s.yaml has no such parameter; expected one of fast_period, slow_period", e.Message);
    }

    [Fact]
    public void Points_are_in_odometer_order_the_first_parameter_slowest()
    {
        var space = ParameterSpace.Parse(["a=1,2", "b=10..30:10"]);
        Assert.Equal(6, space.Size);
        var order = Enumerable.Range(0, space.Size).Select(p => string.Join(" ", space.Settings(p))).ToArray();
        Assert.Equal(["a=1 b=10", "a=1 b=20", "a=1 b=30", "a=2 b=10", "a=2 b=20", "a=2 b=30"], order);
        Assert.Equal(4, space.Point(space.Indices(4)));
    }
}
