using Baton.Runs.Reading;
using System.Text.Json.Serialization;

namespace Baton.Runs.Report;

/// <summary>The report's data, serialized by code generated at build time rather than by reflection at run time
/// (see <c>RunJsonContext</c> in Baton.Engine); <see cref="ReportPage.Json"/> sets the names and escaping.</summary>
[JsonSerializable(typeof(RunData))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
