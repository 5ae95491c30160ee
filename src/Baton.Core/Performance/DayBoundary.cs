using Baton.Core.Market;

namespace Baton.Core.Performance;

/// <summary>
/// Maps a bar's close instant to the calendar day it belongs to in a time zone. A close exactly on
/// midnight ends the day before (the bar traded in that day), so the instant looked up is
/// <c>close - 1 ms</c>. Zones without adjustment rules (UTC, fixed offsets) use one constant offset;
/// others ask the zone per call, which is O(1) and allocation-free.
/// </summary>
internal sealed class DayBoundary
{
    private readonly TimeZoneInfo _zone;
    private readonly bool _isFixed;
    private readonly long _fixedOffsetMs;
    private long _cachedFrom = long.MaxValue;
    private long _cachedTo = long.MinValue;
    private long _cachedDay;

    public DayBoundary(TimeZoneInfo zone)
    {
        _zone = zone;
        _isFixed = zone.GetAdjustmentRules().Length == 0;
        _fixedOffsetMs = zone.BaseUtcOffset.Ticks / TimeSpan.TicksPerMillisecond;
    }

    /// <summary>Local day number (days since 1970-01-01 in the zone) of the bar closing at <paramref name="closeTimeMs"/>.</summary>
    public long DayOf(long closeTimeMs)
    {
        if (closeTimeMs >= _cachedFrom && closeTimeMs < _cachedTo) return _cachedDay;
        long instant = closeTimeMs - 1;
        long offset = _isFixed ? _fixedOffsetMs : OffsetAt(instant);
        long day = FloorDivide(instant + offset, Timeframe.Day);
        if (_isFixed)
        {
            // every close time in [from, to) maps to this day: no division for the rest of the day
            _cachedDay = day;
            _cachedFrom = day * Timeframe.Day - offset + 1;
            _cachedTo = _cachedFrom + Timeframe.Day;
        }
        return day;
    }

    /// <summary>The first close time after the day of <paramref name="closeTimeMs"/> in a zone without daylight saving
    /// (every close time before it is in the same day), or null in a zone with adjustments.</summary>
    public long? NextDayStart(long closeTimeMs)
    {
        if (!_isFixed) return null;
        DayOf(closeTimeMs);
        return _cachedTo;
    }

    private long OffsetAt(long instantMs)
    {
        var utc = new DateTime(DateTime.UnixEpoch.Ticks + instantMs * TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        return _zone.GetUtcOffset(utc).Ticks / TimeSpan.TicksPerMillisecond;
    }

    private static long FloorDivide(long value, long divisor)
    {
        long quotient = value / divisor;
        return value % divisor < 0 ? quotient - 1 : quotient;
    }
}
