using Baton.Core.Performance;
using Baton.Research.Objectives;
using Baton.Research.Parameters;
using Baton.Research.Robustness;
using Baton.Research.Trials;

namespace Baton.Research.Tests.Robustness;

public sealed class SensitivityTests
{
    private static readonly Objective Return = Objective.Parse("total_return");

    [Theory]
    [InlineData(new[] { 0.10, 0.45, 0.50, 0.48, 0.20 }, "plateau", 0.0875)]   // (0.5 − 0.465) / 0.4
    [InlineData(new[] { 0.10, 0.10, 0.50, 0.10, 0.10 }, "spike", 1.0)]
    [InlineData(new[] { 0.10, 0.20, 0.30, 0.40, 0.50 }, "slope", 0.25)]
    public void The_line_through_the_best_is_shaped_by_the_drop_to_its_neighbours(double[] line, string shape, double drop)
    {
        var trials = Grid(line);
        var best = Return.Rank(trials)[0];
        var lines = Sensitivity.Of(Axes, trials, best, Return);
        var a = lines.Single(l => l.Parameter == "a");
        Assert.Equal(shape, a.Shape);
        Assert.Equal(drop, a.NeighbourDrop, 1e-9);
        Assert.Equal(line, a.Points.Select(p => p.Score!.Value), new Close());
        var b = lines.Single(l => l.Parameter == "b");
        Assert.Equal("flat", b.Shape);   // b does not change the score
        Assert.Equal(["x", "y"], b.Points.Select(p => p.Value));
    }

    [Fact]
    public void A_value_not_run_has_no_score_and_the_next_scored_value_is_the_neighbour()
    {
        var trials = Grid([0.10, 0.45, 0.50, 0.48, 0.20]).Where(t => !(t.Settings[0].Value == "4" && t.Settings[1].Value == "x")).ToArray();
        var best = Return.Rank(trials)[0];
        var a = Sensitivity.Of(Axes, trials, best, Return).Single(l => l.Parameter == "a");
        Assert.Null(a.Points[3].Score);
        Assert.Equal((0.5 - (0.45 + 0.20) / 2) / 0.4, a.NeighbourDrop, 1e-9);
    }

    private static readonly ParameterAxis[] Axes = [new("a", ["1", "2", "3", "4", "5"]), new("b", ["x", "y"])];

    /// <summary>Trials over a × b in grid order whose total return depends on a only.</summary>
    private static TrialOutcome[] Grid(double[] line)
    {
        var trials = new List<TrialOutcome>();
        for (int i = 0; i < line.Length; i++)
            foreach (string b in new[] { "x", "y" })
                trials.Add(new TrialOutcome(trials.Count, [new("a", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), new("b", b)])
                {
                    Metrics = PerformanceCalculator.Compute([100.0, 100.0 * (1 + line[i])], []),
                });
        return trials.ToArray();
    }

    private sealed class Close : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-9;
        public int GetHashCode(double obj) => 0;
    }
}
