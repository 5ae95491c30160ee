using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Baton.Engine.Events;

/// <summary>
/// The one place a domain enum becomes a word on the wire (events, <c>orders.csv</c>, the dashboard's JSON, messages):
/// the member's name in snake case (<c>PartiallyFilled</c> is <c>partially_filled</c>, <c>StopLoss</c> is
/// <c>stop_loss</c>). JSON gets it through <see cref="EnumConverter"/>; text written by hand through <see cref="Of"/>.
/// </summary>
public static class WireNames
{
    private static readonly JsonNamingPolicy Policy = JsonNamingPolicy.SnakeCaseLower;

    /// <summary>The converter every JSON option set of the wire uses for enums: writes and reads the snake-case word.</summary>
    public static JsonConverter EnumConverter { get; } = new JsonStringEnumConverter(Policy);

    /// <summary>The wire word of <paramref name="value"/> (computed once per member).</summary>
    public static string Of<T>(T value) where T : struct, Enum => Words<T>.ByValue[value];

    private static class Words<T> where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> ByValue =
            Enum.GetValues<T>().ToFrozenDictionary(v => v, v => Policy.ConvertName(v.ToString()));
    }
}
