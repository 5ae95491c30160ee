using Baton.Research.Parameters;
using Baton.Research.Search;

namespace Baton.Research.Tests.Parameters;

public sealed class ParameterFilterTests
{
    private static readonly ParameterSpace Space = ParameterSpace.Parse(["fast=5..20:5", "slow=10..30:10", "stop=1%,2%,3%"]);

    [Theory]
    [InlineData("fast < slow", new[] { 5.0, 10, 0.01 }, true)]
    [InlineData("fast < slow", new[] { 20.0, 10, 0.01 }, false)]
    [InlineData("fast * 2 <= slow and stop > 1%", new[] { 5.0, 10, 0.02 }, true)]
    [InlineData("fast * 2 <= slow and stop > 1%", new[] { 5.0, 10, 0.01 }, false)]
    [InlineData("not (fast >= slow) or stop == 3%", new[] { 20.0, 10, 0.03 }, true)]
    [InlineData("slow - fast > 4 / 0", new[] { 5.0, 10, 0.01 }, false)]
    [InlineData("-fast < 0", new[] { 5.0, 10, 0.01 }, true)]
    public void Conditions_are_evaluated_over_the_numbers(string where, double[] point, bool expected) =>
        Assert.Equal(expected, ParameterFilter.Parse(where, Space).Allows(point));

    [Theory]
    [InlineData("fastt < slow", "'fastt' is not a swept parameter; expected one of fast, slow, stop")]
    [InlineData("fast +", "at character")]
    [InlineData("fast + slow", "expected a condition")]
    [InlineData("", "empty condition")]
    [InlineData("fast < slow and 3", "expected a condition")]
    public void Bad_conditions_are_refused(string where, string expected)
    {
        var e = Assert.Throws<SweepInputException>(() => ParameterFilter.Parse(where, Space));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_no_point_meets_is_an_error()
    {
        var where = ParameterFilter.Parse("fast > 100", Space);
        var e = Assert.Throws<SweepInputException>(() => new SearchPoints(Space, where));
        Assert.Contains("no point of the grid satisfies it", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_are_positions_among_the_allowed_points_in_odometer_order()
    {
        var space = ParameterSpace.Parse(["fast=10,20,30", "slow=10..30:10"]);
        var points = new SearchPoints(space, ParameterFilter.Parse("fast < slow", space));
        var order = Enumerable.Range(0, points.Count).Select(id => string.Join(" ", space.Settings(points.Point(id)))).ToArray();
        Assert.Equal(["fast=10 slow=20", "fast=10 slow=30", "fast=20 slow=30"], order);
        Assert.Equal(-1, points.Id(0));
        Assert.Equal(2, points.Id(5));
    }
}
