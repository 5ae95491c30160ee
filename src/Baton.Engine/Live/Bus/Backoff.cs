namespace Baton.Engine.Live.Bus;

/// <summary>Exponential back-off between <paramref name="min"/> and <paramref name="max"/>: each <see cref="Next"/> doubles
/// the delay, <see cref="Reset"/> returns to the minimum.</summary>
internal sealed class Backoff(TimeSpan min, TimeSpan max)
{
    private readonly TimeSpan _min = min;
    private TimeSpan _current = min;

    public TimeSpan Next()
    {
        var delay = _current;
        _current = TimeSpan.FromTicks(Math.Min(max.Ticks, _current.Ticks * 2));
        return delay;
    }

    public void Reset() => _current = _min;
}

/// <summary>Lets a repeated message through at most once per <paramref name="interval"/>, counting what it held back.</summary>
internal sealed class RateLimitedLog(Action<string>? log, TimeProvider clock, TimeSpan interval)
{
    private DateTimeOffset _last = DateTimeOffset.MinValue;
    private long _suppressed;

    public void Write(string message)
    {
        if (log is null) return;
        var now = clock.GetUtcNow();
        if (now - _last < interval)
        {
            _suppressed++;
            return;
        }
        log(_suppressed > 0 ? $"{message} ({_suppressed} similar messages suppressed)" : message);
        _last = now;
        _suppressed = 0;
    }
}
