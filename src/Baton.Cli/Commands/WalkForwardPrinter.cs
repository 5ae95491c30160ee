using System.Globalization;
using Baton.Engine.Events;
using Baton.Research.WalkForward;
using Spectre.Console;

namespace Baton.Cli.Commands;

/// <summary>The table of a finished walk-forward's windows (training and test ranges, the parameters chosen, in- and
/// out-of-sample score and return, efficiency), the stitched out-of-sample figures, and the command that re-runs a
/// window's test as a backtest.</summary>
internal static class WalkForwardPrinter
{
    public static void Print(WalkForwardResult result, Sweep sweep, string dir)
    {
        string objective = result.Plan.Sweep.Objective.Name;
        var table = new Table().Title($"[bold]{result.Windows.Count} walk-forward windows, chosen by {Markup.Escape(objective)}[/]")
            .AddColumn("#").AddColumn("train").AddColumn("test").AddColumn("chosen").AddColumn(new TableColumn("trials").RightAligned())
            .AddColumn(new TableColumn("IS " + Markup.Escape(objective)).RightAligned())
            .AddColumn(new TableColumn("OOS " + Markup.Escape(objective)).RightAligned())
            .AddColumn(new TableColumn("IS return").RightAligned()).AddColumn(new TableColumn("OOS return").RightAligned())
            .AddColumn(new TableColumn("efficiency").RightAligned());
        foreach (var w in result.Windows)
        {
            table.AddRow(new[]
            {
                w.Window.Index.ToString(CultureInfo.InvariantCulture),
                Day(w.Window.TrainFrom) + " .. " + Day(w.Window.Training.To!.Value),
                Day(w.Window.TestFrom) + " .. " + Day(w.Window.Testing.To!.Value),
                string.Join(' ', w.Chosen.Settings), w.Trials.ToString(CultureInfo.InvariantCulture),
                Number(w.InSample.Score), Number(w.OutOfSample.Score), Percent(w.InSample.TotalReturn), Percent(w.OutOfSample.TotalReturn),
                Number(w.Efficiency),
            }.Select(Markup.Escape).ToArray());
        }
        AnsiConsole.Write(table);
        var oos = result.OutOfSample;
        string score = objective is "sharpe" or "total_return" or "cagr" or "max_drawdown" ? "" : $"{objective} {Number(oos.Score)}, ";
        AnsiConsole.MarkupLine(Markup.Escape($"out of sample (stitched): {score}total return {Percent(oos.TotalReturn)}, "
            + $"CAGR {Percent(oos.Cagr)}, sharpe {Number(oos.Sharpe)}, max drawdown {Percent(oos.MaxDrawdown)}, {oos.Trades} trades; "
            + $"walk-forward efficiency {Number(result.Efficiency)}"));
        AnsiConsole.MarkupLine($"files in [bold]{Markup.Escape(dir)}[/]");
        var last = result.Windows[^1];
        var testSweep = sweep with { FromText = Formats.Time(last.Window.TestFrom), ToText = Formats.Time(last.Window.Testing.To!.Value) };
        Console.Out.WriteLine("re-run the last test: " + SweepPrinter.BacktestCommandLine(testSweep, last.Chosen));
    }

    private static string Day(long ms) => Formats.Time(ms)[..10];

    private static string Number(double? v) => v is { } x ? x.ToString("0.0000", CultureInfo.InvariantCulture) : "-";

    private static string Percent(double? f) => f is { } v ? (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "-";
}
