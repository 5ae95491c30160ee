namespace Baton.Research.Search;

/// <summary>How a sweep picks its trials among the grid's allowed points.</summary>
public enum SearchKind
{
    /// <summary>Every allowed point, in odometer order.</summary>
    Grid,

    /// <summary>A seeded sample of the allowed points, without replacement.</summary>
    Random,

    /// <summary>A tree-structured Parzen estimator (Bergstra, Bardenet, Bengio and Kégl, 2011) over the allowed points.</summary>
    Tpe,
}

/// <summary>
/// The search of a sweep: its kind, how many trials (null: every point for grid, <see cref="DefaultTrials"/> for the
/// others, never more than the allowed points) and the seed of its randomness. Trials are proposed in generations of
/// <see cref="Generation"/>, a size that never depends on <c>--jobs</c>, so the same command proposes the same trials.
/// </summary>
public sealed record SearchSpec(SearchKind Kind, int? Trials, int Seed)
{
    /// <summary>Trials a random or TPE search runs when <c>--trials</c> is not given.</summary>
    public const int DefaultTrials = 100;

    /// <summary>Trials proposed at once: the model of a TPE search is refitted between generations.</summary>
    public const int Generation = 16;

    /// <summary>The most trials a search may be asked for.</summary>
    public const int MaxTrials = 1_000_000;

    public static SearchSpec Grid { get; } = new(SearchKind.Grid, null, 0);

    /// <summary>The kind called <paramref name="name"/> (<c>grid</c>, <c>random</c>, <c>tpe</c>).</summary>
    public static SearchKind ParseKind(string name) => name?.Trim().ToLowerInvariant() switch
    {
        "grid" => SearchKind.Grid,
        "random" => SearchKind.Random,
        "tpe" => SearchKind.Tpe,
        _ => throw new Parameters.SweepInputException($"--search {name}: expected grid, random or tpe"),
    };

    /// <summary>The name on the command line and in files.</summary>
    public static string Name(SearchKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The number of trials this search runs over <paramref name="allowed"/> points.</summary>
    public int TrialsOver(int allowed) => Kind == SearchKind.Grid ? allowed : Math.Min(allowed, Trials ?? DefaultTrials);
}
