using System.Globalization;

namespace Baton.Core.Market;

/// <summary>A bar length in milliseconds, written <c>1m</c>, <c>15m</c>, <c>1h</c>, <c>4h</c>, <c>1d</c>, <c>1w</c>.</summary>
public readonly record struct Timeframe(long Milliseconds)
{
    public const long Minute = 60_000;
    public const long Hour = 60 * Minute;
    public const long Day = 24 * Hour;

    public static readonly Timeframe OneDay = new(Day);

    /// <summary>The longest bar: 366 days. Every candle's close (open + bar) must stay a time a calendar can write.</summary>
    public const long MaxMilliseconds = 366 * Day;

    /// <summary>What a timeframe must look like, as error messages say it.</summary>
    public const string Expected = "a bar length from 1s to 366d such as 1m, 15m, 1h, 4h, 1d";

    /// <summary>Parses <c>&lt;n&gt;&lt;unit&gt;</c> with unit s, m, h, d or w, at most <see cref="MaxMilliseconds"/>;
    /// false on anything else.</summary>
    public static bool TryParse(string? text, out Timeframe timeframe)
    {
        timeframe = default;
        if (string.IsNullOrEmpty(text) || text.Length < 2) return false;
        long unit = text[^1] switch
        {
            's' => 1000,
            'm' => Minute,
            'h' => Hour,
            'd' => Day,
            'w' => 7 * Day,
            _ => 0,
        };
        if (unit == 0) return false;
        if (!long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0
            || n > MaxMilliseconds / unit)
            return false;
        timeframe = new Timeframe(n * unit);
        return true;
    }

    public override string ToString()
    {
        if (Milliseconds % (7 * Day) == 0) return Invariant(Milliseconds / (7 * Day), "w");
        if (Milliseconds % Day == 0) return Invariant(Milliseconds / Day, "d");
        if (Milliseconds % Hour == 0) return Invariant(Milliseconds / Hour, "h");
        if (Milliseconds % Minute == 0) return Invariant(Milliseconds / Minute, "m");
        return Invariant(Milliseconds / 1000, "s");
    }

    private static string Invariant(long n, string unit) => n.ToString(CultureInfo.InvariantCulture) + unit;
}
