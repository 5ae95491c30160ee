using Baton.Engine.Events;

namespace Baton.Research.WalkForward;

/// <summary>A run's equity sampled once a UTC day: the last equity of each day the run marked, stamped with that
/// mark's time (for the stitched out-of-sample chart; the statistics come from the run's own daily equities).</summary>
internal sealed class DailyEquity : IEquitySink
{
    private const long Day = 86_400_000;
    private readonly List<(long Time, double Equity)> _points = [];

    public IReadOnlyList<(long Time, double Equity)> Points => _points;

    public void OnEquity(long time, double equity, double cash, double drawdown)
    {
        if (_points.Count > 0 && Floor(_points[^1].Time) == Floor(time)) _points[^1] = (time, equity);
        else _points.Add((time, equity));
    }

    private static long Floor(long time) => time >= 0 ? time / Day : (time - Day + 1) / Day;
}
