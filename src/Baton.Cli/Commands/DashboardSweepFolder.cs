using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Baton.Core.Performance;
using Baton.Engine.Events;
using Baton.Research.Search;
using Baton.Research.Sweeps;
using Baton.Research.Trials;
using Baton.Runs.Files;

namespace Baton.Cli.Commands;

/// <summary>Where a dashboard sweep's candles came from, for its manifest.</summary>
internal sealed record DataFacts(string Source, string? File, string? From, string? To);

/// <summary>
/// A dashboard sweep's folder in the contracts' format: <c>manifest.json</c> and <c>trials.csv</c> (one row per trial
/// by id: trial, the parameters, status, error, score, every metric of metrics.json flattened with dots, orders,
/// final_equity, final_state, candles, fills_hash). TODO(lead): item 2's SweepFolder / TrialTable write the same files
/// for <c>baton sweep</c>; at merge this class should call them instead.
/// </summary>
internal sealed class DashboardSweepFolder(string path, StrategyVariants variants, SweepPlan plan, DataFacts data)
{
    private static readonly JsonSerializerOptions Json = RunJson.Indented;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public void Write(SweepResult result)
    {
        Directory.CreateDirectory(Path);
        Atomic("manifest.json", Manifest().ToJsonString(Json) + "\n");
        var csv = new StringBuilder();
        var leaves = Leaves(typeof(PerformanceMetrics), []);
        var header = new List<string> { "trial" };
        header.AddRange(plan.Space.Axes.Select(a => a.Name));
        header.AddRange(["status", "error", "score", .. leaves.Select(l => string.Join('.', l)), "orders", "final_equity", "final_state", "candles", "fills_hash"]);
        csv.Append(string.Join(',', header.Select(Csv))).Append('\n');
        foreach (var t in result.Trials.OrderBy(t => t.Id)) csv.Append(string.Join(',', Row(t, leaves).Select(c => Csv(c ?? "")))).Append('\n');
        Atomic("trials.csv", csv.ToString());
    }

    private IEnumerable<string?> Row(TrialOutcome t, List<string[]> leaves)
    {
        bool ok = t.Error is null;
        var metrics = t.Metrics is { } m ? JsonSerializer.SerializeToNode(m, Json) : null;
        yield return t.Id.ToString(CultureInfo.InvariantCulture);
        foreach (var axis in plan.Space.Axes) yield return t.Settings.FirstOrDefault(s => s.Name == axis.Name)?.Value;
        yield return ok ? "ok" : "failed";
        yield return t.Error?.ReplaceLineEndings("; ");
        yield return plan.Objective.Score(t) is { } score ? Formats.Number(score) : null;
        foreach (var leaf in leaves) yield return Cell(metrics, leaf);
        yield return ok ? t.Orders.ToString(CultureInfo.InvariantCulture) : null;
        yield return ok ? Formats.Number(t.FinalEquity) : null;
        yield return ok ? WireNames.Of(t.FinalState) : null;
        yield return ok ? t.Candles.ToString(CultureInfo.InvariantCulture) : null;
        yield return t.FillsHash;
    }

    private static string? Cell(JsonNode? node, string[] path)
    {
        foreach (string name in path) node = node is JsonObject o ? o[name] : null;
        if (node is not JsonValue v) return null;
        if (v.TryGetValue(out string? text)) return text;
        return v.TryGetValue(out double d) ? Formats.Number(d) : v.ToJsonString();
    }

    /// <summary>The leaves of a type as metrics.json writes it, in its order (nested objects give one column a property).</summary>
    private static List<string[]> Leaves(Type type, string[] prefix)
    {
        var into = new List<string[]>();
        foreach (var property in Json.GetTypeInfo(type).Properties)
        {
            var t = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            string[] path = [.. prefix, property.Name];
            if (Json.GetTypeInfo(t).Kind == JsonTypeInfoKind.Object) into.AddRange(Leaves(t, path));
            else into.Add(path);
        }
        return into;
    }

    private JsonObject Manifest() => new()
    {
        ["version"] = 1,
        ["kind"] = "sweep",
        ["strategy"] = System.IO.Path.GetFileName(variants.SourceFile),
        ["strategy_hash"] = RunManifest.HashFile(variants.SourceFile),
        ["set"] = new JsonObject(),
        ["source"] = data.Source,
        ["data_hash"] = data.File is { } f && File.Exists(f) ? RunManifest.HashFile(f) : null,
        ["from"] = data.From,
        ["to"] = data.To,
        ["parameters"] = new JsonArray(plan.Space.Axes.Select(a => (JsonNode)new JsonObject
        {
            ["name"] = a.Name,
            ["values"] = new JsonArray(a.Values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
        }).ToArray()),
        ["where"] = plan.Where?.Text,
        ["objective"] = plan.Objective.Name,
        ["search"] = new JsonObject
        {
            ["kind"] = SearchSpec.Name(plan.Search.Kind),
            ["trials"] = plan.Search.Kind == SearchKind.Grid ? null : plan.Search.Trials ?? SearchSpec.DefaultTrials,
            ["seed"] = plan.Search.Seed,
            ["generation"] = plan.Search.Kind == SearchKind.Tpe ? SearchSpec.Generation : null,
        },
        ["engine_version"] = RunManifest.Version,
    };

    /// <summary>RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.</summary>
    private static string Csv(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private void Atomic(string name, string text)
    {
        string target = System.IO.Path.Combine(Path, name);
        string temp = target + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(temp, text, new UTF8Encoding(false));
        File.Move(temp, target, overwrite: true);
    }
}
