using Baton.Engine.Events;
using Baton.Runs.Files;

namespace Baton.Runs.Reading;

/// <summary>
/// The report's view of the equity curve, built in bounded memory from the rows of <c>equity.csv</c>: the chart
/// series (at most <see cref="MaxPoints"/> points; beyond that each point merges 2, 4, 8 ... consecutive
/// timestamps, keeping the last equity and the deepest drawdown, see <see cref="Downsampler{T}"/>) and the
/// returns of every calendar month and year, from all rows. Fed either while a backtest runs (it is an
/// <see cref="IEquitySink"/>, so the file need not be read back) or from the file by <see cref="Read"/>; both
/// see the same values (the file keeps whole seconds and round-trip doubles), so both give the same report.
/// </summary>
public sealed class EquityHistory : IEquitySink
{
    public const int MaxPoints = 5000;

    private readonly record struct Point(long Time, double Equity, double Drawdown) : IMergeable<Point>
    {
        public static Point Merge(in Point earlier, in Point later) =>
            new(later.Time, later.Equity, Math.Min(earlier.Drawdown, later.Drawdown));
    }

    private readonly Downsampler<Point> _points = new(MaxPoints);
    private readonly List<(int Year, int Month, double Last)> _monthEnds = [];
    private int _year = int.MinValue, _month;
    private long _monthStart = long.MaxValue, _monthEnd = long.MinValue;   // the current month, [start, end) in ms
    private double _first, _last;

    /// <summary>Reads <c>equity.csv</c> (a missing file gives an empty history).</summary>
    public static (EquitySeries Series, List<MonthlyReturn> Months, List<YearlyReturn> Years) Read(string path, double? startEquity)
    {
        var history = new EquityHistory();
        using (var csv = RunCsv.Open(path))
        {
            while (csv is not null && csv.Read())
                history.Add(csv.TimeMs("time"), csv.Double("equity"), csv.Double("drawdown"));
        }
        return history.Finish(startEquity);
    }

    public void OnEquity(long time, double equity, double cash, double drawdown) =>
        Add(RunTime.FloorSeconds(time) * 1000, equity, drawdown);   // as the file spells it: whole seconds

    private void Add(long ms, double equity, double drawdown)
    {
        _points.Add(new Point(RunTime.FloorSeconds(ms), equity, drawdown));
        // A timestamp is an equity mark at a bar's close and belongs to the period of close - 1 ms, as days do
        // in the performance tracker: a close on midnight of the 1st ends the month before.
        long at = ms - 1;
        if (at < _monthStart || at >= _monthEnd)
        {
            var month = DateTimeOffset.FromUnixTimeMilliseconds(at).UtcDateTime;
            var start = new DateTimeOffset(month.Year, month.Month, 1, 0, 0, 0, TimeSpan.Zero);
            _monthStart = start.ToUnixTimeMilliseconds();
            _monthEnd = month.Year == 9999 && month.Month == 12 ? long.MaxValue : start.AddMonths(1).ToUnixTimeMilliseconds();
            if (_year == int.MinValue) _first = equity;
            else _monthEnds.Add((_year, _month, _last));
            _year = month.Year;
            _month = month.Month;
        }
        _last = equity;
    }

    /// <summary>
    /// The chart series and the calendar returns: each month's and year's last equity over the last equity of
    /// the period before (for the first, <paramref name="startEquity"/>, else the first mark).
    /// </summary>
    public (EquitySeries Series, List<MonthlyReturn> Months, List<YearlyReturn> Years) Finish(double? startEquity)
    {
        var items = _points.Items;
        var series = new EquitySeries(_points.GroupSize, _points.Count, items.Select(p => p.Time).ToArray(),
            items.Select(p => p.Equity).ToArray(), items.Select(p => p.Drawdown).ToArray());
        var ends = new List<(int Year, int Month, double Last)>(_monthEnds);
        if (_year != int.MinValue) ends.Add((_year, _month, _last));
        List<MonthlyReturn> months = [];
        List<YearlyReturn> years = [];
        double monthBase = startEquity ?? _first, yearBase = monthBase;
        for (int i = 0; i < ends.Count; i++)
        {
            var (year, month, last) = ends[i];
            months.Add(new MonthlyReturn(year, month, last / monthBase - 1));
            monthBase = last;
            if (i + 1 == ends.Count || ends[i + 1].Year != year)
            {
                years.Add(new YearlyReturn(year, last / yearBase - 1));
                yearBase = last;
            }
        }
        return (series, months, years);
    }
}
