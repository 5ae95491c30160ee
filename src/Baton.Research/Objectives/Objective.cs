using Baton.Core.Performance;
using Baton.Research.Trials;

namespace Baton.Research.Objectives;

/// <summary>
/// What a search maximises: one number of a trial's metrics, higher is better for every objective
/// (<c>max_drawdown</c> is a fraction ≤ 0, so higher is shallower). A trial whose number is undefined (a Sharpe ratio
/// with no variance, a profit factor with no loss) or that failed has no score and ranks after every scored one.
/// </summary>
public sealed class Objective
{
    private static readonly Objective[] All =
    [
        new("sharpe", m => m.Sharpe),
        new("sortino", m => m.Sortino),
        new("calmar", m => m.Calmar),
        new("cagr", m => m.Cagr),
        new("total_return", m => m.TotalReturn),
        new("profit_factor", m => m.Trades.ProfitFactor),
        new("max_drawdown", m => m.MaxDrawdown),
        new("win_rate", m => m.Trades.WinRate),
        new("expectancy", m => (double?)m.Trades.Expectancy),
        new("net_profit", m => (double)m.Trades.NetProfit),
        new("end_equity", m => m.EndEquity),
    ];

    private readonly Func<PerformanceMetrics, double?> _read;

    private Objective(string name, Func<PerformanceMetrics, double?> read)
    {
        Name = name;
        _read = read;
    }

    /// <summary>The name on the command line (<c>--objective sharpe</c>) and in files.</summary>
    public string Name { get; }

    public static Objective Default => All[0];

    public static IReadOnlyList<string> Names => All.Select(o => o.Name).ToArray();

    /// <summary>The objective called <paramref name="name"/>; throws <see cref="ArgumentException"/> naming the valid ones.</summary>
    public static Objective Parse(string name) =>
        All.FirstOrDefault(o => string.Equals(o.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown objective '{name}': expected one of {string.Join(", ", Names)}");

    /// <summary>The trial's score: null when it failed or the number is undefined (never NaN or infinity).</summary>
    public double? Score(TrialOutcome trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return trial.Metrics is { } m && _read(m) is { } v && double.IsFinite(v) ? v : null;
    }

    /// <summary>Best first: scored trials by score (higher first), then unscored ones, then failed ones; ties by id.</summary>
    public IReadOnlyList<TrialOutcome> Rank(IEnumerable<TrialOutcome> trials) =>
        trials.OrderBy(t => t.Error is null ? 0 : 1)
            .ThenBy(t => Score(t) is null ? 1 : 0)
            .ThenByDescending(t => Score(t) ?? 0)
            .ThenBy(t => t.Id)
            .ToArray();

    public override string ToString() => Name;
}
