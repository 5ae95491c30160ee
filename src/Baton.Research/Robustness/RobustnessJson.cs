using System.Text.Json;
using Baton.Runs.Folder;

namespace Baton.Research.Robustness;

/// <summary>Writes a <see cref="RobustnessReport"/> as <c>robustness.json</c> (snake_case, the shape the sweep report
/// reads); a number that is not finite is written null.</summary>
public static class RobustnessJson
{
    public const string FileName = "robustness.json";

    /// <summary>Writes <c>DIR/robustness.json</c> atomically (a reader never sees half a file).</summary>
    public static void Write(string dir, RobustnessReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        WriteAtomically(Path.Combine(dir, FileName), ToJson(report));
    }

    /// <summary>Writes <paramref name="text"/> and a newline to <paramref name="path"/> atomically.</summary>
    internal static void WriteAtomically(string path, string text) => AtomicFile.Write(path, w => w.Write(text + "\n"));

    /// <summary>The report as JSON text.</summary>
    public static string ToJson(RobustnessReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            WriteReport(json, report);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteReport(Utf8JsonWriter json, RobustnessReport report)
    {
        json.WriteStartObject();
        json.WriteString("objective", report.Objective);
        json.WriteNumber("trials", report.Trials);
        json.WritePropertyName("best");
        if (report.Best is { } best)
        {
            json.WriteStartObject();
            json.WriteNumber("trial", best.Id);
            json.WriteStartObject("parameters");
            foreach (var s in best.Settings) json.WriteString(s.Name, s.Value);
            json.WriteEndObject();
            Number(json, "score", report.BestScore);
            json.WriteEndObject();
        }
        else json.WriteNullValue();
        Deflated(json, report.DeflatedSharpe);
        Pbo(json, report.Pbo);
        MonteCarlo(json, report.MonteCarlo);
        Sensitivity(json, report.Sensitivity);
        json.WriteEndObject();
    }

    private static void Deflated(Utf8JsonWriter json, DeflatedSharpe? d)
    {
        json.WritePropertyName("deflated_sharpe");
        if (d is null) { json.WriteNullValue(); return; }
        json.WriteStartObject();
        Number(json, "sharpe", d.Sharpe);
        json.WriteNumber("periods_per_year", d.PeriodsPerYear);
        json.WriteNumber("returns", d.Returns);
        Number(json, "skewness", d.Skewness);
        Number(json, "kurtosis", d.Kurtosis);
        json.WriteNumber("trials", d.Trials);
        Number(json, "sharpe_variance", d.SharpeVariance);
        Number(json, "expected_max_sharpe", d.ExpectedMaxSharpe);
        Number(json, "probability", d.Probability);
        json.WriteEndObject();
    }

    private static void Pbo(Utf8JsonWriter json, OverfittingProbability? p)
    {
        json.WritePropertyName("pbo");
        if (p is null) { json.WriteNullValue(); return; }
        json.WriteStartObject();
        json.WriteNumber("blocks", p.Blocks);
        json.WriteNumber("combinations", p.Combinations);
        Number(json, "probability", p.Probability);
        json.WriteStartArray("logits");
        foreach (double l in p.Logits) Number(json, null, l);
        json.WriteEndArray();
        json.WriteStartObject("degradation");
        Number(json, "slope", p.Degradation.Slope);
        Number(json, "intercept", p.Degradation.Intercept);
        Number(json, "r2", p.Degradation.R2);
        Number(json, "probability_of_loss", p.Degradation.ProbabilityOfLoss);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void MonteCarlo(Utf8JsonWriter json, TradeMonteCarlo? m)
    {
        json.WritePropertyName("monte_carlo");
        if (m is null) { json.WriteNullValue(); return; }
        json.WriteStartObject();
        json.WriteNumber("paths", m.Paths);
        json.WriteNumber("seed", m.Seed);
        json.WriteNumber("trades", m.Trades);
        Number(json, "initial_equity", m.InitialEquity);
        foreach (var (name, paths) in new[] { ("reshuffle", m.Reshuffle), ("bootstrap", m.Bootstrap) })
        {
            json.WriteStartObject(name);
            Dist(json, "final_equity", paths.FinalEquity);
            Dist(json, "max_drawdown", paths.MaxDrawdown);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void Dist(Utf8JsonWriter json, string name, Distribution d)
    {
        json.WriteStartObject(name);
        Number(json, "p5", d.P5);
        Number(json, "p25", d.P25);
        Number(json, "p50", d.P50);
        Number(json, "p75", d.P75);
        Number(json, "p95", d.P95);
        Number(json, "mean", d.Mean);
        json.WriteStartObject("histogram");
        json.WriteStartArray("edges");
        foreach (double e in d.Histogram.Edges) Number(json, null, e);
        json.WriteEndArray();
        json.WriteStartArray("counts");
        foreach (int c in d.Histogram.Counts) json.WriteNumberValue(c);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Sensitivity(Utf8JsonWriter json, IReadOnlyList<Sensitivity> lines)
    {
        json.WriteStartArray("sensitivity");
        foreach (var line in lines)
        {
            json.WriteStartObject();
            json.WriteString("parameter", line.Parameter);
            json.WriteString("best", line.Best);
            json.WriteStartArray("points");
            foreach (var p in line.Points)
            {
                json.WriteStartObject();
                json.WriteString("value", p.Value);
                Number(json, "score", p.Score);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("shape", line.Shape);
            Number(json, "neighbour_drop", line.NeighbourDrop);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>A number, or null when absent or not finite; a property when <paramref name="name"/> is given, else an array element.</summary>
    internal static void Number(Utf8JsonWriter json, string? name, double? value)
    {
        if (name is not null) json.WritePropertyName(name);
        if (value is { } v && double.IsFinite(v)) json.WriteNumberValue(v);
        else json.WriteNullValue();
    }
}
