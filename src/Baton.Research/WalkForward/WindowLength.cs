using System.Globalization;
using Baton.Research.Parameters;

namespace Baton.Research.WalkForward;

/// <summary>
/// A length of calendar time for walk-forward windows: <c>N</c> followed by <c>d</c> (days), <c>w</c> (weeks of 7
/// days), <c>M</c> (calendar months) or <c>y</c> (calendar years), N from 1 to 10,000 (<c>6M</c>, <c>1y</c>, <c>90d</c>).
/// Months and years are calendar arithmetic in UTC (<see cref="DateTime.AddMonths"/>: 31 January + 1M is 28 or 29
/// February), always counted from the first window's start so no drift accumulates.
/// </summary>
public readonly record struct WindowLength(int Count, char Unit)
{
    public const int MaxCount = 10_000;

    /// <summary>Parses <paramref name="text"/> given to <paramref name="option"/>; throws <see cref="SweepInputException"/>
    /// naming the option and what was expected.</summary>
    public static WindowLength Parse(string? text, string option)
    {
        string t = text?.Trim() ?? "";
        string expected = "expected a count and a unit d, w, M or y such as 6M, 1y, 2w or 90d";
        if (t.Length < 2) throw new SweepInputException($"{option} '{t}': {expected}");
        char unit = t[^1];
        if (unit == 'm')
            throw new SweepInputException($"{option} '{t}': m is minutes in a timeframe, not a window unit; months are M ({expected})");
        if (unit is not ('d' or 'w' or 'M' or 'y') || !t[..^1].All(char.IsAsciiDigit)
            || !int.TryParse(t[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out int count))
            throw new SweepInputException($"{option} '{t}': {expected}");
        if (count < 1 || count > MaxCount)
            throw new SweepInputException($"{option} '{t}': the count must be from 1 to {MaxCount:N0}");
        return new WindowLength(count, unit);
    }

    /// <summary><paramref name="start"/> (Unix ms) moved by <paramref name="times"/> of this length;
    /// <see cref="long.MaxValue"/> past the calendar's end (year 9999), later than any data.</summary>
    public long After(long start, int times)
    {
        if (start >= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()) return long.MaxValue;
        var at = DateTimeOffset.FromUnixTimeMilliseconds(start).UtcDateTime;
        long n = (long)Count * times;
        long days = Unit == 'w' ? 7 * n : n;
        long months = Unit == 'y' ? 12 * n : n;
        bool calendar = Unit is 'M' or 'y';
        long limit = calendar ? (DateTime.MaxValue.Year - at.Year) * 12L : (long)(DateTime.MaxValue - at).TotalDays;
        if ((calendar ? months : days) > limit) return long.MaxValue;
        var moved = calendar ? at.AddMonths((int)months) : at.AddDays(days);
        return new DateTimeOffset(moved, TimeSpan.Zero).ToUnixTimeMilliseconds();
    }

    public override string ToString() => Count.ToString(CultureInfo.InvariantCulture) + Unit;
}
