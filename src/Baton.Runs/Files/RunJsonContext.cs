using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Baton.Core.Performance;
using Baton.Engine.Events;

namespace Baton.Runs.Files;

/// <summary>
/// Serialization code for the run files' own types, generated at build time (System.Text.Json source generation), so a
/// run does not build serializers by reflection and JIT-compile them at its end. Events are the engine's
/// (<see cref="Formats.Json"/>); names, order and spelling come from the options either way, so the files are the same
/// bytes.
/// </summary>
[JsonSerializable(typeof(RunManifest))]
[JsonSerializable(typeof(MetricsDocument))]
[JsonSerializable(typeof(PerformanceMetrics))]
internal sealed partial class RunJsonContext : JsonSerializerContext;

/// <summary>How <c>metrics.json</c> and <c>manifest.json</c> are written: <see cref="Formats.Json"/> indented, with the run
/// files' types resolved by <see cref="RunJsonContext"/> first.</summary>
public static class RunJson
{
    public static readonly JsonSerializerOptions Indented = new(Formats.Json)
    {
        WriteIndented = true,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(RunJsonContext.Default, Formats.Json.TypeInfoResolver!),
    };
}

/// <summary><c>metrics.json</c>: the run's summary and metrics, and one report per external component when the
/// strategy has any (the key is left out when it has none).</summary>
internal sealed record MetricsDocument(
    RunSummary Summary,
    PerformanceMetrics Metrics,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Baton.Engine.Components.ComponentReport>? Components);
