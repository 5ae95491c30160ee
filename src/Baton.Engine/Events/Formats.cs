using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Baton.Engine.Events;

namespace Baton.Engine.Events;

/// <summary>The one way Baton spells times and numbers (run files, the live journal and messages, component inputs):
/// invariant culture, UTC, round-trip doubles; <see cref="Json"/> is how every event is written.</summary>
public static class Formats
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { WireNames.EnumConverter },
        TypeInfoResolver = JsonTypeInfoResolver.Combine(EventJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    /// <summary>Unix ms as ISO-8601 UTC (<c>2020-01-01T00:00:00Z</c>).</summary>
    public static string Time(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An amount without the trailing zeros its arithmetic left (<c>19.840570</c> is written <c>19.84057</c>): the
    /// same amount is spelled the same however it was summed, e.g. a round trip's fees over one fill or several.</summary>
    public static string Amount(decimal value)
    {
        string text = value.ToString(CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
    }
}
