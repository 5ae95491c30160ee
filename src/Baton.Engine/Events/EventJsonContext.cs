using System.Text.Json.Serialization;

namespace Baton.Engine.Events;

/// <summary>
/// Serialization code for the events, generated at build time (System.Text.Json source generation), so a run or a
/// live session does not build the events' serializers by reflection and JIT-compile them as it starts.
/// <see cref="Formats.Json"/> resolves events here first and any other type by reflection; names, order and spelling
/// come from the options either way, so the bytes are the same.
/// </summary>
[JsonSerializable(typeof(EngineEvent))]
internal sealed partial class EventJsonContext : JsonSerializerContext;
