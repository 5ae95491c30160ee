using Baton.Runs.Reading;

namespace Baton.Runs.Tests.Reading;

public class RunReaderTests
{
    private const string Metrics = """{ "summary": { "strategy": "t", "final_state": "Trading" }, "metrics": { "start_equity": 100 } }""";

    private static string Run(string equityRows, string? metrics = Metrics)
    {
        string dir = BatonRun.TempDir();
        if (metrics is not null) File.WriteAllText(Path.Combine(dir, "metrics.json"), metrics);
        File.WriteAllText(Path.Combine(dir, "equity.csv"), "time,equity,cash,drawdown\n" + equityRows);
        return dir;
    }

    [Fact]
    public void Monthly_and_yearly_returns_chain_the_last_equity_of_each_period_and_a_close_on_midnight_ends_the_month_before()
    {
        var run = RunReader.Read(Run("""
            2024-01-15T00:00:00Z,110,0,0
            2024-02-01T00:00:00Z,120,0,0
            2024-02-10T00:00:00Z,90,0,-0.25
            2024-03-01T00:00:00Z,96,0,-0.2
            2024-12-20T00:00:00Z,132,0,0
            2025-01-01T00:00:00Z,144,0,0
            2025-01-05T00:00:00Z,72,0,-0.5

            """));
        Assert.Equal(
            [new(2024, 1, 0.2), new(2024, 2, 96.0 / 120 - 1), new(2024, 12, 144.0 / 96 - 1), new(2025, 1, -0.5)],
            run.MonthlyReturns.Select(m => m with { Return = Math.Round(m.Return, 12) }).ToList(),
            new MonthlyEquality());
        Assert.Equal(0.44, run.YearlyReturns[0].Return, 12);
        Assert.Equal(-0.5, run.YearlyReturns[1].Return, 12);
        Assert.Equal(1, run.Equity.Group);
        Assert.Equal(-0.5, run.Equity.Drawdown[^1]);
        Assert.Equal(1_704_067_200 + 4 * 86_400 + 365 * 86_400 + 86_400, run.Equity.Time[^1]);
    }

    private sealed class MonthlyEquality : IEqualityComparer<MonthlyReturn>
    {
        public bool Equals(MonthlyReturn? x, MonthlyReturn? y) =>
            x!.Year == y!.Year && x.Month == y.Month && Math.Abs(x.Return - y.Return) < 1e-12;

        public int GetHashCode(MonthlyReturn obj) => HashCode.Combine(obj.Year, obj.Month);
    }

    [Fact]
    public void A_long_equity_file_is_cut_to_at_most_5000_points_keeping_the_deepest_drawdown()
    {
        var rows = new System.Text.StringBuilder();
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (int i = 0; i < 12_000; i++)
            rows.Append(start.AddHours(i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture))
                .Append(",100,100,").Append(i == 7777 ? "-0.3" : "-0.01").Append('\n');
        var run = RunReader.Read(Run(rows.ToString()));
        Assert.Equal(4, run.Equity.Group);
        Assert.Equal(12_000, run.Equity.Points);
        Assert.Equal(3000, run.Equity.Time.Count);
        Assert.Equal(-0.3, run.Equity.Drawdown.Min());
        Assert.True(run.Equity.Time.Zip(run.Equity.Time.Skip(1)).All(p => p.First < p.Second));
    }

    [Fact]
    public void Order_history_is_read_as_steps_with_their_reasons()
    {
        string dir = Run("");
        File.WriteAllText(Path.Combine(dir, "orders.csv"), """
            id,symbol,side,intent,quantity,filled_quantity,average_price,fees,state,created_at,history
            7,AAA,buy,entry,10,4,101.5,0.4,cancelled,2024-01-01T00:00:00Z,"created@2024-01-01T00:00:00Z;submitted@2024-01-01T00:00:00Z;partially_filled@2024-01-01T01:00:00Z;cancelled@2024-01-01T01:00:00Z (not enough cash, 4 of 10)"

            """);
        var order = Assert.Single(RunReader.Read(dir).Orders);
        Assert.Equal(["created", "submitted", "partially_filled", "cancelled"], order.History.Select(s => s.State));
        Assert.Equal("not enough cash, 4 of 10", order.History[^1].Reason);
        Assert.Equal(1_704_070_800, order.History[^1].Time);
        Assert.Null(order.History[0].Reason);
    }

    [Fact]
    public void A_folder_without_metrics_is_refused_by_name()
    {
        string dir = Run("", metrics: null);
        var e = Assert.Throws<RunFileException>(() => RunReader.Read(dir));
        Assert.Contains("not a run folder (no metrics.json)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_value_names_the_file_the_line_and_the_column()
    {
        string dir = Run("2024-01-01T00:00:00Z,100,100,0\n2024-01-01T01:00:00Z,lots,100,0\n");
        var e = Assert.Throws<RunFileException>(() => RunReader.Read(dir));
        Assert.Equal("equity.csv:3:equity: expected a finite number, got \"lots\"", e.Message);
    }

    [Fact]
    public void Missing_optional_files_leave_their_views_empty()
    {
        var run = RunReader.Read(Run(""));
        Assert.Empty(run.Prices);
        Assert.Empty(run.Trades);
        Assert.Empty(run.Fills);
        Assert.Empty(run.MonthlyReturns);
        Assert.Null(run.Manifest);
        Assert.Equal("t", run.Name);
    }
}
