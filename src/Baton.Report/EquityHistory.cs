using Baton.Engine.Reporting;

namespace Baton.Report;

/// <summary>
/// Reads <c>equity.csv</c> once, in bounded memory: the chart series (at most <see cref="MaxPoints"/> points;
/// beyond that each point merges 2, 4, 8 ... consecutive timestamps, keeping the last equity and the deepest
/// drawdown, see <see cref="Downsampler{T}"/>) and the returns of every calendar month and year, from all rows.
/// </summary>
internal static class EquityHistory
{
    public const int MaxPoints = 5000;

    private readonly record struct Point(long Time, double Equity, double Drawdown);

    public static (EquitySeries Series, List<MonthlyReturn> Months, List<YearlyReturn> Years) Read(string path, double? startEquity)
    {
        var points = new Downsampler<Point>(MaxPoints, (a, b) => new Point(b.Time, b.Equity, Math.Min(a.Drawdown, b.Drawdown)));
        CalendarReturns? returns = startEquity is { } s ? new CalendarReturns(s) : null;
        using (var csv = RunCsv.Open(path))
        {
            while (csv is not null && csv.Read())
            {
                long ms = csv.TimeMs("time");
                double equity = csv.Double("equity");
                points.Add(new Point(RunTime.FloorSeconds(ms), equity, csv.Double("drawdown")));
                returns ??= new CalendarReturns(equity);
                returns.Add(ms, equity);
            }
        }
        returns?.Finish();
        var items = points.Items;
        var series = new EquitySeries(points.GroupSize, points.Count, items.Select(p => p.Time).ToArray(),
            items.Select(p => p.Equity).ToArray(), items.Select(p => p.Drawdown).ToArray());
        return (series, returns?.Months ?? [], returns?.Years ?? []);
    }

    /// <summary>
    /// Month and year returns from the last equity of each period over the last equity of the period before
    /// (the start equity for the first). A timestamp is an equity mark at a bar's close and belongs to the
    /// period of <c>close - 1 ms</c>, as days do in the performance tracker: a close on midnight of the 1st
    /// ends the month before.
    /// </summary>
    private sealed class CalendarReturns(double startEquity)
    {
        private double _monthBase = startEquity, _yearBase = startEquity, _last = startEquity;
        private int _year = int.MinValue, _month;

        public List<MonthlyReturn> Months { get; } = [];
        public List<YearlyReturn> Years { get; } = [];

        public void Add(long closeMs, double equity)
        {
            var at = DateTimeOffset.FromUnixTimeMilliseconds(closeMs - 1).UtcDateTime;
            if (at.Year != _year || at.Month != _month)
            {
                CloseMonth();
                if (at.Year != _year) CloseYear();
                _year = at.Year;
                _month = at.Month;
            }
            _last = equity;
        }

        public void Finish()
        {
            CloseMonth();
            CloseYear();
        }

        private void CloseMonth()
        {
            if (_year == int.MinValue) return;
            Months.Add(new MonthlyReturn(_year, _month, _last / _monthBase - 1));
            _monthBase = _last;
        }

        private void CloseYear()
        {
            if (_year == int.MinValue) return;
            Years.Add(new YearlyReturn(_year, _last / _yearBase - 1));
            _yearBase = _last;
        }
    }
}
