using System.Text.Json;
using Baton.Core.Orders;
using Baton.Engine.Backtest;
using Baton.Engine.Events;
using Baton.Engine.Strategy;
using Baton.Engine.Trading;
using Baton.Runs.Folder;

namespace Baton.Runs.Files;

/// <summary>Writes the end-of-run files of a backtest: <c>metrics.json</c>, <c>trades.csv</c>, <c>orders.csv</c> and
/// <c>manifest.json</c>.</summary>
internal static class ResultWriter
{
    /// <summary>Writes the four files of <paramref name="result"/> into <paramref name="dir"/>; <paramref name="source"/>
    /// describes the candles, <paramref name="dataHash"/> is their file's hash (null when they came from no file).</summary>
    public static void WriteAll(string dir, StrategyDefinition strategy, string source, int warmUp, BacktestResult result, string? dataHash)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(result);
        var d = strategy;
        string? from = result.FirstTime is { } f ? Formats.Time(f) : null;
        string? to = result.LastTime is { } l ? Formats.Time(l) : null;
        var summary = new RunSummary(d.Name, result.Candles, from, to, result.Trades.Count, result.Orders.Count,
            result.FinalEquity, result.FinalState.ToString(), warmUp);
        WriteMetrics(Path.Combine(dir, "metrics.json"), result, summary);
        WriteTrades(Path.Combine(dir, "trades.csv"), result, d.Symbols);
        WriteOrders(Path.Combine(dir, "orders.csv"), result, d.Symbols);
        new RunManifest(RunManifest.Version, Path.GetFileName(d.SourceFile),
            File.Exists(d.SourceFile) ? RunManifest.HashFile(d.SourceFile) : RunManifest.HashText(d.Name),
            source, dataHash,
            d.Parameters, from, to, d.Data.Source == DataSourceKind.Synthetic ? d.Data.Seed : null,
            FillsHash.Of(result.Orders, d.Symbols)).Write(Path.Combine(dir, "manifest.json"));
    }

    /// <summary>Writes <c>{ summary, metrics }</c>, plus <c>components</c> (one report each) when the strategy has external components.</summary>
    public static void WriteMetrics(string path, BacktestResult result, RunSummary summary)
    {
        var document = new MetricsDocument(summary, result.Metrics, result.Components.Count == 0 ? null : result.Components);
        AtomicFile.Write(path, w => w.Write(JsonSerializer.Serialize(document, RunJson.Indented) + "\n"));
    }

    public static void WriteTrades(string path, BacktestResult result, IReadOnlyList<string> symbols) =>
        AtomicFile.Write(path, w =>
        {
            w.Write("symbol,side,quantity,entry_time,entry_price,exit_time,exit_price,fees,pnl,return,exit_reason\n");
            foreach (var t in result.Trades)
                w.Write(string.Join(',', Csv(symbols[t.Symbol]), t.IsLong ? "long" : "short", Formats.Number(t.Quantity),
                    Formats.Time(t.EntryTime), Formats.Number(t.EntryPrice), Formats.Time(t.ExitTime), Formats.Number(t.ExitPrice),
                    Formats.Amount(t.Fees), Formats.Amount(t.Pnl), Formats.Number(Math.Round(t.ReturnFraction, 10)), t.ExitReason) + "\n");
        });

    /// <summary>Every order with its final numbers and its whole state history (<c>state@time</c>, <c>;</c>-separated;
    /// a reason follows in parentheses).</summary>
    public static void WriteOrders(string path, BacktestResult result, IReadOnlyList<string> symbols) =>
        AtomicFile.Write(path, w =>
        {
            w.Write("id,symbol,side,intent,quantity,filled_quantity,average_price,fees,state,created_at,history\n");
            foreach (var o in result.Orders)
                w.Write(string.Join(',', o.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Csv(symbols[o.Symbol]),
                    WireNames.Of(o.Side), WireNames.Of(o.Intent), Formats.Number(o.Quantity),
                    Formats.Number(o.FilledQuantity), Formats.Number(o.AveragePrice), Formats.Number(o.Fees), WireNames.Of(o.State),
                    Formats.Time(o.CreatedAt), Csv(History(o))) + "\n");
        });

    private static string History(Order o)
    {
        var parts = new List<string> { "created@" + Formats.Time(o.CreatedAt) };
        foreach (var t in o.History)
            parts.Add(WireNames.Of(t.To) + "@" + Formats.Time(t.Time) + (t.Reason is null ? "" : $" ({t.Reason})"));
        return string.Join(';', parts);
    }

    /// <summary>Quotes a CSV field when it holds a comma or a quote.</summary>
    public static string Csv(string field) =>
        field.Contains(',', StringComparison.Ordinal) || field.Contains('"', StringComparison.Ordinal)
            ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : field;
}

/// <summary>The run-level facts written beside the metrics.</summary>
internal sealed record RunSummary(string Strategy, long Candles, string? From, string? To, int TradeCount, int OrderCount,
    double FinalEquity, string FinalState, int WarmUpBars);
