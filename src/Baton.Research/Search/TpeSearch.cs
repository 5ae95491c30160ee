namespace Baton.Research.Search;

/// <summary>
/// A tree-structured Parzen estimator (Bergstra, Bardenet, Bengio and Kégl, "Algorithms for Hyper-Parameter
/// Optimization", NeurIPS 2011) over the grid's allowed points. The first <see cref="StartUpGenerations"/> generations
/// are a seeded random sample. Then, each generation: the trials so far are split by score into the best γ = 25 %
/// ("good", at least one) and the rest ("bad", failed and undefined scores last); each parameter gets two Parzen
/// densities over its ordered values, l(x) from the good trials and g(x) from the bad ones (a Gaussian kernel on the
/// value's index, truncated to the axis and normalised, plus a uniform prior of weight 1); <see cref="Candidates"/>
/// points are drawn from l, one value per parameter, and the allowed, untried one with the largest
/// Σ log l(x) − log g(x) (the expected-improvement criterion of the paper) is proposed. Repeated until the generation
/// of <see cref="SearchSpec.Generation"/> trials is full, without refitting in between.
/// </summary>
internal sealed class TpeSearch(SearchPoints points, int trials, int seed) : ISearch
{
    public const int StartUpGenerations = 2;
    public const int Candidates = 24;
    public const double Gamma = 0.25;

    private readonly int[] _startUp = Searches.Sample(points.Count,
        Math.Min(trials, StartUpGenerations * SearchSpec.Generation), SplitMix.Of(seed, 0));

    public IReadOnlyList<int> Next(IReadOnlyList<ScoredTrial> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        int n = history.Count, size = Math.Min(SearchSpec.Generation, trials - n);
        if (size <= 0) return [];
        if (n < _startUp.Length) return _startUp[n..Math.Min(_startUp.Length, n + size)];
        var random = SplitMix.Of(seed, 1 + n / SearchSpec.Generation);
        var tried = new HashSet<int>(history.Select(h => h.Id));
        var (good, bad) = Split(history);
        var model = new ParzenModel(points.Space, good, bad);
        var chosen = new List<int>(size);
        while (chosen.Count < size) chosen.Add(Propose(model, tried, random));
        return chosen;
    }

    /// <summary>Best first: the good trials' points and the bad ones'.</summary>
    private (List<int> Good, List<int> Bad) Split(IReadOnlyList<ScoredTrial> history)
    {
        var ranked = history.OrderBy(h => h.Score is null ? 1 : 0).ThenByDescending(h => h.Score ?? 0).ThenBy(h => h.Id)
            .Select(h => points.Point(h.Id)).ToList();
        int goodCount = Math.Max(1, (int)Math.Ceiling(Gamma * ranked.Count));
        return (ranked[..goodCount], ranked[goodCount..]);
    }

    /// <summary>The best of the candidates drawn from l that is allowed and untried, else an untried point at random.</summary>
    private int Propose(ParzenModel model, HashSet<int> tried, SplitMix random)
    {
        int best = -1;
        double bestScore = double.NegativeInfinity;
        var indices = new int[points.Space.Axes.Count];
        for (int c = 0; c < Candidates; c++)
        {
            model.Draw(indices, random);
            int id = points.Id(points.Space.Point(indices));
            if (id < 0 || tried.Contains(id)) continue;
            double score = model.Ratio(indices);
            if (score > bestScore)
            {
                (best, bestScore) = (id, score);
            }
        }
        if (best < 0) best = Untried(tried, random);
        tried.Add(best);
        return best;
    }

    private int Untried(HashSet<int> tried, SplitMix random)
    {
        int skip = random.Below(points.Count - tried.Count);
        for (int id = 0; ; id++)
            if (!tried.Contains(id) && skip-- == 0) return id;
    }
}
