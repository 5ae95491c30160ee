using Baton.Research.Parameters;
using Baton.Research.Search;

namespace Baton.Research.Tests.Search;

public sealed class SearchTests
{
    private static readonly ParameterSpace Space = ParameterSpace.Parse(["x=0..39:1", "y=0..39:1"]);

    [Fact]
    public void Grid_proposes_every_allowed_point_in_id_order()
    {
        var points = new SearchPoints(Space, ParameterFilter.Parse("x < y", Space));
        var ids = Searches.Create(SearchSpec.Grid, points).Next([]);
        Assert.Equal(Enumerable.Range(0, points.Count), ids);
        Assert.Equal(780, ids.Count);
    }

    [Fact]
    public void Random_is_a_seeded_sample_without_replacement()
    {
        var points = new SearchPoints(Space, null);
        var a = Searches.Create(new SearchSpec(SearchKind.Random, 200, 7), points).Next([]);
        var b = Searches.Create(new SearchSpec(SearchKind.Random, 200, 7), points).Next([]);
        var c = Searches.Create(new SearchSpec(SearchKind.Random, 200, 8), points).Next([]);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(200, a.Distinct().Count());
        Assert.All(a, id => Assert.InRange(id, 0, points.Count - 1));
        Assert.Equal(points.Count, Searches.Create(new SearchSpec(SearchKind.Random, 5000, 1), points).Next([]).Distinct().Count());
    }

    [Fact]
    public void Tpe_is_deterministic_for_a_seed_and_never_repeats_a_point()
    {
        var first = Run(SearchKind.Tpe, 3, 120, out _);
        var again = Run(SearchKind.Tpe, 3, 120, out _);
        var other = Run(SearchKind.Tpe, 4, 120, out _);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(120, first.Distinct().Count());
    }

    [Fact]
    public void Tpe_proposes_in_generations_of_fixed_size()
    {
        var points = new SearchPoints(Space, null);
        var search = Searches.Create(new SearchSpec(SearchKind.Tpe, 40, 1), points);
        var history = new List<ScoredTrial>();
        var sizes = new List<int>();
        for (var ids = search.Next(history); ids.Count > 0; ids = search.Next(history))
        {
            sizes.Add(ids.Count);
            history.AddRange(ids.Select(id => new ScoredTrial(id, Objective(points, id))));
        }
        Assert.Equal([16, 16, 8], sizes);
    }

    [Fact]
    public void Tpe_finds_the_optimum_of_a_smooth_function_better_than_random_on_average()
    {
        double tpe = 0, random = 0;
        const int Seeds = 20;
        for (int seed = 1; seed <= Seeds; seed++)
        {
            Run(SearchKind.Tpe, seed, 80, out double bestTpe);
            Run(SearchKind.Random, seed, 80, out double bestRandom);
            tpe += bestTpe;
            random += bestRandom;
        }
        Assert.True(tpe > random, $"mean best: tpe {tpe / Seeds}, random {random / Seeds}");
    }

    /// <summary>A bowl with its top at x = 31, y = 8 (score 0); the trials proposed in order and the best score.</summary>
    private static List<int> Run(SearchKind kind, int seed, int trials, out double best)
    {
        var points = new SearchPoints(Space, null);
        var search = Searches.Create(new SearchSpec(kind, trials, seed), points);
        var history = new List<ScoredTrial>();
        for (var ids = search.Next(history); ids.Count > 0; ids = search.Next(history))
            history.AddRange(ids.Select(id => new ScoredTrial(id, Objective(points, id))));
        best = history.Max(h => h.Score!.Value);
        return history.Select(h => h.Id).ToList();
    }

    private static double Objective(SearchPoints points, int id)
    {
        var x = points.Space.Numbers(points.Point(id));
        return -((x[0] - 31) * (x[0] - 31)) - ((x[1] - 8) * (x[1] - 8));
    }
}
