using System.Globalization;
using Baton.Engine.Backtest;
using Spectre.Console;

namespace Baton.Cli.Commands;

/// <summary>The table printed at the end of a backtest.</summary>
internal static class Summary
{
    public static void Print(string name, BacktestResult run, string dir, WarningCounter? warnings = null)
    {
        var m = run.Metrics;
        var table = new Table().Title($"[bold]{Markup.Escape(name)}[/]").AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        Row(table, "candles", run.Candles.ToString("N0", CultureInfo.InvariantCulture));
        Row(table, "final equity", run.FinalEquity.ToString("N2", CultureInfo.InvariantCulture));
        Row(table, "total return", Percent(m.TotalReturn));
        Row(table, "CAGR", Percent(m.Cagr));
        Row(table, "volatility (ann.)", Percent(m.AnnualizedVolatility));
        Row(table, "Sharpe", Number(m.Sharpe));
        Row(table, "Sortino", Number(m.Sortino));
        Row(table, "Calmar", Number(m.Calmar));
        Row(table, "max drawdown", Percent(m.MaxDrawdown));
        Row(table, "max drawdown duration", m.MaxDrawdownDurationDays.ToString(CultureInfo.InvariantCulture) + " days");
        Row(table, "trades", m.Trades.TradeCount.ToString(CultureInfo.InvariantCulture));
        Row(table, "win rate", Percent(m.Trades.WinRate));
        Row(table, "profit factor", Number(m.Trades.ProfitFactor));
        Row(table, "expectancy", m.Trades.Expectancy is { } e ? e.ToString("N2", CultureInfo.InvariantCulture) : "-");
        Row(table, "exposure", Percent(m.Exposure));
        Row(table, "periods per year", m.PeriodsPerYear.ToString(CultureInfo.InvariantCulture) + " (" + m.PeriodsPerYearSource + ")");
        Row(table, "final state", run.FinalState.ToString());
        AnsiConsole.Write(table);
        if (run.Components.Count > 0) AnsiConsole.Write(ComponentCommand.Table(run.Components));
        if (warnings is { Count: > 0 } w)
            AnsiConsole.MarkupLine($"[yellow]{w.Count:N0} warning(s)[/] in events.jsonl; the first: {Markup.Escape(w.First ?? "")}");
        AnsiConsole.MarkupLine($"files in [bold]{Markup.Escape(Path.GetFullPath(dir))}[/]");
        AnsiConsole.MarkupLine($"report  [bold]{Markup.Escape(Path.GetFullPath(Path.Combine(dir, "report.html")))}[/]");
    }

    private static void Row(Table table, string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));

    private static string Percent(double? f) => f is { } v ? (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "-";

    private static string Number(double? v) => v is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) : "-";
}
