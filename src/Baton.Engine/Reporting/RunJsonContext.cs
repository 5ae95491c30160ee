using System.Text.Json.Serialization;
using Baton.Core.Performance;
using Baton.Engine.Events;

namespace Baton.Engine.Reporting;

/// <summary>
/// Serialization code for the run files' types, generated at build time (System.Text.Json source generation), so a
/// run does not build serializers by reflection and JIT-compile them at its start and end. <see cref="Formats.Json"/>
/// resolves these types here first and any other type by reflection; names, order and spelling come from the
/// options either way, so the files are the same bytes.
/// </summary>
[JsonSerializable(typeof(EngineEvent))]
[JsonSerializable(typeof(RunManifest))]
[JsonSerializable(typeof(MetricsDocument))]
[JsonSerializable(typeof(PerformanceMetrics))]
internal sealed partial class RunJsonContext : JsonSerializerContext;

/// <summary><c>metrics.json</c>: the run's summary and metrics, and one report per external component when the
/// strategy has any (the key is left out when it has none).</summary>
public sealed record MetricsDocument(
    RunSummary Summary,
    PerformanceMetrics Metrics,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Components.ComponentReport>? Components);
