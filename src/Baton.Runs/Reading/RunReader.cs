using System.Text.Json;
using Baton.Engine.Events;
using Baton.Runs.Files;

namespace Baton.Runs.Reading;

/// <summary>
/// Reads a run folder (the files <c>baton backtest --out DIR</c> writes) into <see cref="RunData"/>, streaming
/// each file so a run of any length is read in bounded memory. Only <c>metrics.json</c> is required; a view
/// whose file is missing is shown empty.
/// </summary>
public static class RunReader
{
    /// <summary>Most rows kept of each table (trades, orders, risk events) and most fills marked on the charts.</summary>
    public const int MaxRows = 10_000;

    /// <summary>Largest <c>metrics.json</c> or <c>manifest.json</c> read (each is read whole; a run writes a few KiB).</summary>
    private const long MaxJsonBytes = 64L * 1024 * 1024;

    /// <param name="recorded">The equity history recorded while the run wrote its files, so the (possibly very
    /// long) <c>equity.csv</c> is not read back; null reads the file.</param>
    public static RunData Read(string directory, EquityHistory? recorded = null)
    {
        string metricsPath = Path.Combine(directory, "metrics.json");
        if (!RunCsv.Present(metricsPath, MaxJsonBytes))
            throw new RunFileException($"{directory}: not a run folder (no metrics.json); write one with baton backtest --out {directory}");
        using var metricsFile = ParseJson(metricsPath);
        var summary = Property(metricsFile.RootElement, "summary", metricsPath);
        var metrics = Property(metricsFile.RootElement, "metrics", metricsPath);
        using var manifest = RunCsv.Present(Path.Combine(directory, "manifest.json"), MaxJsonBytes) ? ParseJson(Path.Combine(directory, "manifest.json")) : null;

        double? start = metrics.TryGetProperty("start_equity", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : null;
        var (equity, months, years) = recorded?.Finish(start) ?? EquityHistory.Read(Path.Combine(directory, "equity.csv"), start);
        var prices = RunTables.Prices(Path.Combine(directory, "candles.csv"));
        var (trades, tradeCount) = RunTables.Trades(Path.Combine(directory, "trades.csv"));
        var (orders, orderCount) = RunTables.Orders(Path.Combine(directory, "orders.csv"));
        var events = ReadEvents(Path.Combine(directory, "events.jsonl"));
        var symbols = prices.Count > 0 ? prices.Select(p => p.Symbol).ToList() : trades.Select(t => t.Symbol).Distinct().ToList();
        string name = summary.TryGetProperty("strategy", out var n) ? n.GetString() ?? "" : Path.GetFileName(directory);
        return new RunData(RunData.CurrentFormat, name, symbols, summary.Clone(), metrics.Clone(), manifest?.RootElement.Clone(),
            equity, months, years, prices, events.Fills, trades, tradeCount, orders, orderCount, events.Risk, events.RiskCount, events.Stops);
    }

    private sealed record Events(List<FillRow> Fills, List<RiskRow> Risk, long RiskCount, List<StopRow> Stops);

    /// <summary>Fills, risk decisions and stops from <c>events.jsonl</c>; other events are skipped unparsed.</summary>
    private static Events ReadEvents(string path)
    {
        var events = new Events([], [], 0, []);
        if (!RunCsv.Present(path)) return events;
        long riskCount = 0, line = 0;
        foreach (string text in File.ReadLines(path))
        {
            line++;
            if (!IsWanted(text)) continue;
            EngineEvent? e;
            try
            {
                e = JsonSerializer.Deserialize<EngineEvent>(text, Formats.Json);
            }
            catch (JsonException ex)
            {
                throw new RunFileException($"events.jsonl:{line}: expected an engine event as JSON: {ex.Message}");
            }
            switch (e)
            {
                case OrderFilled f when events.Fills.Count < MaxRows:
                    events.Fills.Add(new FillRow(Seconds(f.Time), f.OrderId, f.Symbol, WireNames.Of(f.Side), f.Quantity, f.Price, f.Fee, WireNames.Of(f.Intent)));
                    break;
                case RiskDecided r:
                    if (riskCount++ < MaxRows)
                        events.Risk.Add(new RiskRow(Seconds(r.Time), r.Symbol, WireNames.Of(r.Verdict), r.Check, r.Reason, r.Value, r.Limit,
                            r.RequestedQuantity, r.ApprovedQuantity));
                    break;
                case TradingStopped st:
                    events.Stops.Add(new StopRow(Seconds(st.Time), st.Reason));
                    break;
            }
        }
        return events with { RiskCount = riskCount };
    }

    private static bool IsWanted(string line) =>
        line.StartsWith("{\"type\":\"fill\"", StringComparison.Ordinal)
        || line.StartsWith("{\"type\":\"risk_event\"", StringComparison.Ordinal)
        || line.StartsWith("{\"type\":\"stopped\"", StringComparison.Ordinal);

    private static long Seconds(long ms) => RunTime.FloorSeconds(ms);

    private static JsonDocument ParseJson(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new RunFileException($"{Path.GetFileName(path)}: expected JSON: {e.Message}");
        }
    }

    private static JsonElement Property(JsonElement root, string name, string path) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value)
            ? value
            : throw new RunFileException($"{Path.GetFileName(path)}: expected an object with \"{name}\"");
}
