using System.Text.Json;
using Baton.Core.Orders;
using Baton.Engine.Backtest;
using Baton.Engine.Events;
using Baton.Engine.Trading;

namespace Baton.Engine.Reporting;

/// <summary>Writes the end-of-run files of a backtest: <c>metrics.json</c>, <c>trades.csv</c>, <c>orders.csv</c>.</summary>
public static class ResultWriter
{
    /// <summary>Writes <c>{ summary, metrics }</c>, plus <c>components</c> (one report each) when the strategy has external components.</summary>
    public static void WriteMetrics(string path, BacktestResult result, RunSummary summary)
    {
        var document = new MetricsDocument(summary, result.Metrics, result.Components.Count == 0 ? null : result.Components);
        AtomicFile.Write(path, w => w.Write(JsonSerializer.Serialize(document, Formats.IndentedJson) + "\n"));
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
public sealed record RunSummary(string Strategy, long Candles, string? From, string? To, int TradeCount, int OrderCount,
    double FinalEquity, string FinalState, int WarmUpBars);
