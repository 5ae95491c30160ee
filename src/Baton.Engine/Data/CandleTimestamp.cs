using System.Globalization;

namespace Baton.Engine.Data;

/// <summary>
/// Candle timestamps as data files write them, to and from Unix milliseconds UTC.
/// <para>Accepted text: an ISO-8601 date (<c>2020-01-02</c>, midnight UTC); a date-time with <c>T</c> or a
/// space (<c>2020-01-02T09:30</c>, <c>2020-01-02 09:30:00.250</c>), optionally followed by <c>Z</c> or an
/// offset (<c>+02:00</c>, <c>-0500</c>, <c>+02</c>) that is converted to UTC, or by nothing (taken as UTC);
/// or an integer epoch. Fractions finer than a millisecond are truncated.</para>
/// <para>Epoch unit by magnitude of the integer: below 10^11 seconds (up to year 5138), below 10^14
/// milliseconds (from 1973-03-03 on), below 10^17 microseconds, else nanoseconds. So millisecond
/// epochs before March 1973 would be read as seconds, and compact dates (<c>20200102</c>) as seconds of
/// 1970: write such data in ISO form.</para>
/// </summary>
public static class CandleTimestamp
{
    private const long SecondsLimit = 100_000_000_000;          // 1e11
    private const long MillisecondsLimit = 100_000_000_000_000; // 1e14
    private const long MicrosecondsLimit = 100_000_000_000_000_000; // 1e17
    private const int MaxLength = 64;

    /// <summary>Parses ASCII/UTF-8 text (already trimmed) to Unix ms UTC; false when it is not a timestamp.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out long unixMilliseconds)
    {
        unixMilliseconds = 0;
        if (text.IsEmpty || text.Length > MaxLength) return false;
        byte first = text[0];
        if (text.Length > 4 && text[4] == (byte)'-' && IsDigit(first)) return TryParseIso(text, out unixMilliseconds);
        return TryParseEpoch(text, out unixMilliseconds);
    }

    /// <summary>Parses text (already trimmed) to Unix ms UTC; false when it is not a timestamp.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long unixMilliseconds)
    {
        unixMilliseconds = 0;
        if (text.Length > MaxLength) return false;
        Span<byte> ascii = stackalloc byte[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] > 127) return false;
            ascii[i] = (byte)text[i];
        }
        return TryParse(ascii, out unixMilliseconds);
    }

    /// <summary>Formats as ISO-8601 UTC: <c>2020-01-01T00:00:00Z</c>, with <c>.fff</c> when the milliseconds are
    /// not zero, or <c>2020-01-01</c> when <paramref name="dateOnly"/> and the time is midnight.</summary>
    public static string Format(long unixMilliseconds, bool dateOnly = false)
    {
        Span<byte> buffer = stackalloc byte[32];
        int length = Format(unixMilliseconds, dateOnly, buffer);
        return System.Text.Encoding.ASCII.GetString(buffer[..length]);
    }

    /// <summary>Formats like <see cref="Format(long, bool)"/> into <paramref name="destination"/> (at least 24 bytes);
    /// returns the number of bytes written.</summary>
    public static int Format(long unixMilliseconds, bool dateOnly, Span<byte> destination)
    {
        var time = DateTime.UnixEpoch.AddMilliseconds(unixMilliseconds);
        WriteDigits(destination, 0, time.Year, 4);
        destination[4] = (byte)'-';
        WriteDigits(destination, 5, time.Month, 2);
        destination[7] = (byte)'-';
        WriteDigits(destination, 8, time.Day, 2);
        long msOfDay = time.TimeOfDay.Ticks / TimeSpan.TicksPerMillisecond;
        if (dateOnly && msOfDay == 0) return 10;
        destination[10] = (byte)'T';
        WriteDigits(destination, 11, time.Hour, 2);
        destination[13] = (byte)':';
        WriteDigits(destination, 14, time.Minute, 2);
        destination[16] = (byte)':';
        WriteDigits(destination, 17, time.Second, 2);
        int length = 19;
        if (time.Millisecond != 0)
        {
            destination[19] = (byte)'.';
            WriteDigits(destination, 20, time.Millisecond, 3);
            length = 23;
        }
        destination[length] = (byte)'Z';
        return length + 1;
    }

    /// <summary>True when <paramref name="unixMilliseconds"/> is a UTC midnight.</summary>
    public static bool IsMidnight(long unixMilliseconds) => unixMilliseconds % Core.Market.Timeframe.Day == 0;

    private static void WriteDigits(Span<byte> destination, int at, int value, int width)
    {
        for (int i = width - 1; i >= 0; i--)
        {
            destination[at + i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }

    private static bool TryParseEpoch(ReadOnlySpan<byte> text, out long unixMilliseconds)
    {
        unixMilliseconds = 0;
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)) return false;
        return TryFromEpoch(value, out unixMilliseconds);
    }

    /// <summary>An integer epoch to Unix ms, its unit taken from its magnitude as for text (seconds below 10^11,
    /// milliseconds below 10^14, microseconds below 10^17, else nanoseconds; finer units rounded down to the
    /// millisecond); false when the result is outside years 1 to 9999.</summary>
    public static bool TryFromEpoch(long value, out long unixMilliseconds)
    {
        long magnitude = value == long.MinValue ? long.MaxValue : Math.Abs(value);
        if (magnitude < SecondsLimit) unixMilliseconds = value * 1000;
        else if (magnitude < MillisecondsLimit) unixMilliseconds = value;
        else if (magnitude < MicrosecondsLimit) unixMilliseconds = Math.DivRem(value, 1000L).Quotient - (value % 1000 < 0 ? 1 : 0);
        else unixMilliseconds = Math.DivRem(value, 1_000_000L).Quotient - (value % 1_000_000 < 0 ? 1 : 0);
        return IsWithinCalendar(unixMilliseconds);
    }

    /// <summary>The first representable time, 0001-01-01T00:00:00Z, in Unix ms.</summary>
    public const long MinTime = -62_135_596_800_000;

    /// <summary>The last representable time, 9999-12-31T23:59:59.999Z, in Unix ms: a candle's open and its close (open +
    /// timeframe) must both lie in [<see cref="MinTime"/>, <see cref="MaxTime"/>].</summary>
    public const long MaxTime = 253_402_300_799_999;

    /// <summary>True when <paramref name="unixMilliseconds"/> is within years 1 to 9999 (<see cref="MinTime"/> ..
    /// <see cref="MaxTime"/>), the times every date type here can hold.</summary>
    public static bool IsWithinCalendar(long unixMilliseconds) => unixMilliseconds is >= MinTime and <= MaxTime;

    private static bool TryParseIso(ReadOnlySpan<byte> text, out long unixMilliseconds)
    {
        unixMilliseconds = 0;
        if (text.Length < 10 || text[7] != (byte)'-') return false;
        if (!TryDigits(text, 0, 4, out int year) || !TryDigits(text, 5, 2, out int month) || !TryDigits(text, 8, 2, out int day))
            return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        long ms = (new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc) - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMillisecond;
        if (text.Length == 10)
        {
            unixMilliseconds = ms;
            return true;
        }
        byte separator = text[10];
        if (separator is not ((byte)'T' or (byte)'t' or (byte)' ')) return false;
        if (!TryParseTimeOfDay(text[11..], out long timeMs, out int consumed)) return false;
        if (!TryParseOffset(text[(11 + consumed)..], out long offsetMs)) return false;
        unixMilliseconds = ms + timeMs - offsetMs;
        return IsWithinCalendar(unixMilliseconds);
    }

    /// <summary><c>HH:mm[:ss[.f…]]</c>; returns the milliseconds of the day and how many bytes it used.</summary>
    private static bool TryParseTimeOfDay(ReadOnlySpan<byte> text, out long milliseconds, out int consumed)
    {
        milliseconds = 0;
        consumed = 0;
        if (text.Length < 5 || text[2] != (byte)':') return false;
        if (!TryDigits(text, 0, 2, out int hour) || !TryDigits(text, 3, 2, out int minute) || hour > 23 || minute > 59)
            return false;
        int second = 0;
        int fractionMs = 0;
        consumed = 5;
        if (text.Length > 5 && text[5] == (byte)':')
        {
            if (!TryDigits(text, 6, 2, out second) || second > 59) return false;
            consumed = 8;
            if (text.Length > 8 && text[8] is (byte)'.' or (byte)',')
            {
                int digits = 0;
                for (consumed = 9; consumed < text.Length && IsDigit(text[consumed]); consumed++, digits++)
                {
                    if (digits < 3) fractionMs = fractionMs * 10 + (text[consumed] - '0');
                }
                if (digits == 0) return false;
                for (; digits < 3; digits++) fractionMs *= 10;
            }
        }
        milliseconds = ((hour * 60L + minute) * 60 + second) * 1000 + fractionMs;
        return true;
    }

    /// <summary>Nothing (UTC), <c>Z</c>, or <c>±HH</c>, <c>±HH:mm</c>, <c>±HHmm</c>.</summary>
    private static bool TryParseOffset(ReadOnlySpan<byte> text, out long offsetMilliseconds)
    {
        offsetMilliseconds = 0;
        if (text.IsEmpty) return true;
        if (text.Length == 1) return text[0] is (byte)'Z' or (byte)'z';
        int sign = text[0] switch { (byte)'+' => 1, (byte)'-' => -1, _ => 0 };
        if (sign == 0 || !TryDigits(text, 1, 2, out int hours) || hours > 23) return false;
        int minutes = 0;
        var rest = text[3..];
        if (rest.Length > 0 && rest[0] == (byte)':') rest = rest[1..];
        if (rest.Length == 2)
        {
            if (!TryDigits(rest, 0, 2, out minutes) || minutes > 59) return false;
        }
        else if (rest.Length != 0) return false;
        offsetMilliseconds = sign * (hours * 60L + minutes) * 60_000;
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, int at, int count, out int value)
    {
        value = 0;
        if (at + count > text.Length) return false;
        for (int i = at; i < at + count; i++)
        {
            if (!IsDigit(text[i])) return false;
            value = value * 10 + (text[i] - '0');
        }
        return true;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}
