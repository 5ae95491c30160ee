using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Runs.Files;

namespace Baton.Research.Sweeps;

/// <summary>A swept parameter in <c>manifest.json</c>: its name and its value texts in order.</summary>
public sealed record ManifestParameter(string Name, IReadOnlyList<string> Values);

/// <summary>The search in <c>manifest.json</c>.</summary>
public sealed record ManifestSearch(string Kind, int? Trials, int Seed, int Generation);

/// <summary>
/// <c>manifest.json</c> of a sweep folder: everything that decides its trials and their outcomes, so a resume can tell
/// whether a folder holds this very sweep, and the sweep can be reproduced. No wall-clock time: the same command gives
/// the same bytes.
/// </summary>
public sealed record SweepManifest(
    int Version,
    string Kind,
    string Strategy,
    string StrategyHash,
    IReadOnlyDictionary<string, string> Set,
    string Source,
    string? DataHash,
    string? From,
    string? To,
    IReadOnlyList<ManifestParameter> Parameters,
    string? Where,
    string Objective,
    ManifestSearch Search,
    string EngineVersion)
{
    public const string FileName = "manifest.json";

    /// <summary>A walk-forward's windows (<c>--train</c>, <c>--test</c>, <c>--step</c>, <c>--anchored</c>), so a resume into a
    /// folder of another walk-forward is refused; absent from a sweep's manifest.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public ManifestWindows? Windows { get; init; }

    /// <summary>Baton's informational version (the version and the commit it was built from).</summary>
    public static string Engine { get; } =
        typeof(SweepManifest).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? RunManifest.Version;

    /// <summary>The manifest as written: indented JSON, snake_case, a final line end.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, RunJson.Indented) + "\n";

    /// <summary>The first top-level field whose value differs between this manifest and the JSON text
    /// <paramref name="existing"/> (null when none does); <c>"manifest.json"</c> when that text is no JSON object.</summary>
    public string? FirstDifference(string existing)
    {
        JsonObject? theirs;
        try
        {
            theirs = JsonNode.Parse(existing) as JsonObject;
        }
        catch (JsonException)
        {
            theirs = null;
        }
        if (theirs is null) return FileName;
        var ours = JsonNode.Parse(ToJson())!.AsObject();
        foreach (var (name, value) in ours)
            if (!theirs.TryGetPropertyValue(name, out var other) || !JsonNode.DeepEquals(value, other)) return name;
        return theirs.Select(p => p.Key).FirstOrDefault(k => !ours.ContainsKey(k));
    }
}

/// <summary>How a walk-forward cuts its windows, as its manifest records them.</summary>
public sealed record ManifestWindows(string Train, string Test, string Step, bool Anchored);
