using System.Globalization;
using Baton.Research.Objectives;
using Baton.Research.Robustness;
using Baton.Research.Sweeps;
using Baton.Research.Trials;
using Spectre.Console;

namespace Baton.Cli.Commands;

/// <summary>A sweep's progress on stderr (trials done of the total, failed, the best so far with its parameters and
/// score, elapsed time and an estimate of the time left), rewritten in place on a terminal and a line at most every
/// two seconds otherwise; and the ranked table at the end.</summary>
internal sealed class SweepPrinter(Objective objective, TextWriter error) : IProgress<SweepProgress>
{
    private readonly Lock _lock = new();
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private SweepProgress? _last;
    private long _printedAt = long.MinValue;
    private bool _pending;

    public void Report(SweepProgress value)
    {
        lock (_lock)
        {
            _last = value;
            _pending = true;
            long now = Environment.TickCount64;
            if (value.Done < value.Total && now - _printedAt < (_terminal ? 200 : 2000)) return;
            _printedAt = now;
            Print();
        }
    }

    /// <summary>Prints the last state if it was not yet, and ends the line.</summary>
    public void Finish()
    {
        lock (_lock)
        {
            if (_pending) Print();
            if (_terminal && _last is not null) error.WriteLine();
        }
    }

    private void Print()
    {
        if (_last is not { } p) return;
        _pending = false;
        string best = p.Best is { } b ? $", best {objective.Name} {Number(p.BestScore)} (trial {b.Id}: {string.Join(' ', b.Settings)})" : "";
        string left = p.Remaining is { } r ? $", ~{Time(r)} left" : "";
        string line = $"sweep: {p.Done}/{p.Total} trials, {p.Failed} failed{best}, {Time(p.Elapsed)} elapsed{left}";
        if (_terminal) error.Write("\r" + line + "\u001b[K");
        else error.WriteLine(line);
    }

    /// <summary>The ranked table (top N), where the files are and the command that re-runs the best as a backtest.</summary>
    public static void Ranked(Sweep sweep, SweepResult result, string dir, IReadOnlyList<string> kept, RobustnessReport? robustness = null)
    {
        var objective = sweep.Plan.Objective;
        var table = new Table().Title($"[bold]{result.Trials.Count} trials ranked by {objective.Name}[/]").AddColumn("#").AddColumn("trial");
        foreach (var axis in sweep.Plan.Space.Axes) table.AddColumn(Markup.Escape(axis.Name));
        table.AddColumn(new TableColumn(Markup.Escape(objective.Name)).RightAligned());
        foreach (var c in Shown(objective)) table.AddColumn(new TableColumn(Markup.Escape(c.Title)).RightAligned());
        int rank = 0;
        foreach (var t in result.Ranked.Take(sweep.Top)) table.AddRow(Row(++rank, t, objective));
        AnsiConsole.Write(table);
        int failed = result.Trials.Count(t => t.Error is not null);
        if (failed > 0) AnsiConsole.MarkupLine($"[yellow]{failed} trial(s) failed[/]; their errors are in trials.csv");
        if (robustness is not null) Luck(robustness);
        AnsiConsole.MarkupLine($"files in [bold]{Markup.Escape(dir)}[/]");
        foreach (string k in kept) AnsiConsole.MarkupLine($"best run [bold]{Markup.Escape(k)}[/]");
        if (result.Ranked[0] is { Error: null } top)
            Console.Out.WriteLine("re-run the best: " + BacktestCommandLine(sweep, top));   // one line, never wrapped
    }

    /// <summary>Whether the best is luck, in two lines (the details are in robustness.json and report.html).</summary>
    private static void Luck(RobustnessReport r)
    {
        var c = CultureInfo.InvariantCulture;
        if (r.DeflatedSharpe is { } d)
            Console.Out.WriteLine(string.Create(c, $"deflated Sharpe ratio of the best: {d.Probability:0.000} (the probability that its Sharpe ratio "
                + $"{d.Sharpe:0.###} beats the best of {d.Trials} trials of pure luck; 0.95 or more is significant)"));
        if (r.Pbo is { } p)
            Console.Out.WriteLine(string.Create(c, $"probability of backtest overfitting: {p.Probability:0.000} (how often the in-sample best ranks "
                + $"below the median out of sample, over {p.Combinations:N0} splits of {p.Blocks} blocks; near 0 is good, 0.5 is a coin toss)"));
    }

    /// <summary><c>baton backtest STRATEGY [--data ..] [--resample] [--from ..] [--to ..] --set k=v ...</c> for a trial.</summary>
    public static string BacktestCommandLine(Sweep sweep, TrialOutcome trial)
    {
        var parts = new List<string> { "baton", "backtest", Quote(sweep.StrategyFile) };
        if (sweep.DataOption is { } d) parts.AddRange(["--data", Quote(d)]);
        if (sweep.Resample) parts.Add("--resample");
        if (sweep.FromText is { } f) parts.AddRange(["--from", Quote(f)]);
        if (sweep.ToText is { } t) parts.AddRange(["--to", Quote(t)]);
        foreach (var (k, v) in sweep.Fixed.OrderBy(p => p.Key, StringComparer.Ordinal)) parts.AddRange(["--set", Quote(k + "=" + v)]);
        foreach (var s in trial.Settings) parts.AddRange(["--set", Quote(s.ToString())]);
        return string.Join(' ', parts);
    }

    private static string Quote(string s) =>
        s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=%:,+".Contains(c, StringComparison.Ordinal)) ? s : "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string[] Row(int rank, TrialOutcome t, Objective objective)
    {
        var m = t.Metrics;
        string[] start = [rank.ToString(CultureInfo.InvariantCulture), t.Id.ToString(CultureInfo.InvariantCulture)];
        var shown = Shown(objective);
        string[] end = t.Error is { } e
            ? ["failed", .. shown.Skip(1).Select(_ => ""), Excerpt(e)]
            : [Number(objective.Score(t)), .. shown.Select(c => c.Cell(m!))];

        return [.. start.Concat(t.Settings.Select(s => s.Value)).Concat(end).Select(Markup.Escape)];
    }

    /// <summary>The metrics shown beside the score (the objective's own left out).</summary>
    private static (string Title, Func<Baton.Core.Performance.PerformanceMetrics, string> Cell)[] Shown(Objective objective) =>
    [
        .. new (string Objective, string Title, Func<Baton.Core.Performance.PerformanceMetrics, string> Cell)[]
        {
            ("total_return", "total return", m => Percent(m.TotalReturn)),
            ("sharpe", "sharpe", m => Number(m.Sharpe)),
            ("max_drawdown", "max drawdown", m => Percent(m.MaxDrawdown)),
            ("", "trades", m => m.Trades.TradeCount.ToString(CultureInfo.InvariantCulture)),
        }.Where(c => c.Objective != objective.Name).Select(c => (c.Title, c.Cell)),
    ];

    private static string Excerpt(string e) => e.Length <= 40 ? e : e[..40] + "...";

    private static string Number(double? v) => v is { } x ? x.ToString("0.0000", CultureInfo.InvariantCulture) : "-";

    private static string Percent(double? f) => f is { } v ? (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "-";

    private static string Time(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:00}m" : t.TotalMinutes >= 1 ? $"{t.Minutes}m{t.Seconds:00}s" : $"{t.TotalSeconds:0.0}s";
}
