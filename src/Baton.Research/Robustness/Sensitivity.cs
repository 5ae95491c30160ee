using Baton.Research.Objectives;
using Baton.Research.Parameters;
using Baton.Research.Trials;

namespace Baton.Research.Robustness;

/// <summary>A value of a parameter and the objective of the trial at it (the others at the best point); null when that
/// trial was not run (a random or model-based search, a <c>--where</c>) or has no score.</summary>
public sealed record SensitivityPoint(string Value, double? Score);

/// <summary>
/// How the objective moves along one parameter with the others held at the best trial's values (a line through the
/// best point, read from the trials already run). With s* the best score, R the spread (highest − lowest score) over
/// every scored trial of the sweep, and the neighbours the nearest scored points on each side of the best value:
/// <code>
/// neighbour_drop = (s* − mean(neighbours' scores)) / R          (0 when R = 0 or there is no scored neighbour)
/// flat    the line's own spread ≤ 10 % of R (or no neighbour): the parameter barely matters here
/// spike   neighbour_drop ≥ 0.5: the next values lose half the sweep's spread; the best is likely luck
/// slope   otherwise, when the best is the first or last value: the objective still climbs toward the range's edge
/// plateau otherwise: the neighbours score nearly as well
/// </code>
/// </summary>
public sealed record Sensitivity(string Parameter, string Best, IReadOnlyList<SensitivityPoint> Points, string Shape,
    double NeighbourDrop)
{
    public const double FlatShare = 0.10;
    public const double SpikeDrop = 0.50;

    /// <summary>One line per axis through <paramref name="best"/>, among <paramref name="trials"/> scored by
    /// <paramref name="objective"/>; an axis the best trial has no value for is left out.</summary>
    public static IReadOnlyList<Sensitivity> Of(IReadOnlyList<ParameterAxis> axes, IReadOnlyList<TrialOutcome> trials,
        TrialOutcome best, Objective objective)
    {
        ArgumentNullException.ThrowIfNull(axes);
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(best);
        ArgumentNullException.ThrowIfNull(objective);
        var scored = trials.Select(objective.Score).OfType<double>().ToArray();
        double spread = scored.Length == 0 ? 0 : scored.Max() - scored.Min();
        var byKey = new Dictionary<string, TrialOutcome>(StringComparer.Ordinal);
        foreach (var t in trials.OrderBy(t => t.Id)) byKey.TryAdd(Key(t.Settings), t);
        var lines = new List<Sensitivity>();
        foreach (var axis in axes)
        {
            string? bestValue = best.Settings.FirstOrDefault(s => s.Name == axis.Name)?.Value;
            if (bestValue is null) continue;
            var points = axis.Values.Select(v => new SensitivityPoint(v,
                byKey.TryGetValue(Key(With(best.Settings, axis.Name, v)), out var t) ? objective.Score(t) : null)).ToArray();
            lines.Add(Line(axis.Name, bestValue, points, objective.Score(best), spread));
        }
        return lines;
    }

    private static Sensitivity Line(string name, string bestValue, SensitivityPoint[] points, double? bestScore, double spread)
    {
        int at = Array.FindIndex(points, p => p.Value == bestValue);
        var left = at < 0 ? null : points.Take(at).LastOrDefault(p => p.Score is not null);
        var right = at < 0 ? null : points.Skip(at + 1).FirstOrDefault(p => p.Score is not null);
        var neighbours = new[] { left, right }.OfType<SensitivityPoint>().Select(p => p.Score!.Value).ToArray();
        var line = points.Select(p => p.Score).OfType<double>().ToArray();
        double lineSpread = line.Length == 0 ? 0 : line.Max() - line.Min();
        double drop = spread > 0 && neighbours.Length > 0 && bestScore is { } s ? (s - neighbours.Average()) / spread : 0.0;
        string shape = neighbours.Length == 0 || !(lineSpread > FlatShare * spread) ? "flat"
            : drop >= SpikeDrop ? "spike"
            : right is null || left is null ? "slope"
            : "plateau";
        return new Sensitivity(name, bestValue, points, shape, drop);
    }

    private static List<ParameterSetting> With(IReadOnlyList<ParameterSetting> settings, string name, string value) =>
        settings.Select(s => s.Name == name ? s with { Value = value } : s).ToList();

    private static string Key(IEnumerable<ParameterSetting> settings) =>
        string.Join("\u001f", settings.OrderBy(s => s.Name, StringComparer.Ordinal).Select(s => s.Name + "=" + s.Value));
}
