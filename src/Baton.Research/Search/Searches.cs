namespace Baton.Research.Search;

/// <summary>A trial a search proposed, with its objective's score (null: failed or undefined, the worst).</summary>
public readonly record struct ScoredTrial(int Id, double? Score);

/// <summary>Proposes a sweep's trials: given every trial it proposed so far with its score (in the order proposed),
/// the next trials to run (trial ids, see <see cref="SearchPoints"/>), or none when the search is over. Deterministic:
/// the same history gives the same proposals.</summary>
public interface ISearch
{
    IReadOnlyList<int> Next(IReadOnlyList<ScoredTrial> history);
}

/// <summary>The search a <see cref="SearchSpec"/> names.</summary>
public static class Searches
{
    public static ISearch Create(SearchSpec spec, SearchPoints points)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(points);
        int trials = spec.TrialsOver(points.Count);
        return spec.Kind switch
        {
            SearchKind.Grid => new FixedSearch(Enumerable.Range(0, trials).ToArray()),
            SearchKind.Random => new FixedSearch(Sample(points.Count, trials, SplitMix.Of(spec.Seed, 0))),
            _ => new TpeSearch(points, trials, spec.Seed),
        };
    }

    /// <summary><paramref name="count"/> distinct ids of [0, <paramref name="total"/>), in the order drawn (a partial
    /// Fisher-Yates shuffle).</summary>
    internal static int[] Sample(int total, int count, SplitMix random)
    {
        var ids = Enumerable.Range(0, total).ToArray();
        for (int i = 0; i < count; i++)
        {
            int j = i + random.Below(total - i);
            (ids[i], ids[j]) = (ids[j], ids[i]);
        }
        return ids[..count];
    }

    /// <summary>A search whose trials are known before any runs: all of them at once.</summary>
    private sealed class FixedSearch(int[] ids) : ISearch
    {
        public IReadOnlyList<int> Next(IReadOnlyList<ScoredTrial> history) => history.Count == 0 ? ids : [];
    }
}
