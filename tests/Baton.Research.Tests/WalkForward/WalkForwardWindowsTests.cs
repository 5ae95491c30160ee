using Baton.Engine.Events;
using Baton.Research.Parameters;
using Baton.Research.WalkForward;

namespace Baton.Research.Tests.WalkForward;

public sealed class WalkForwardWindowsTests
{
    private static long T(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
    private static WindowLength L(string text) => WindowLength.Parse(text, "--x");

    [Fact]
    public void Rolling_windows_move_by_the_step_and_the_last_test_ends_with_the_data()
    {
        var w = WalkForwardWindows.Plan(T("2024-01-01Z"), T("2025-01-01Z"), L("6M"), L("1M"), L("1M"), anchored: false);
        Assert.Equal(6, w.Count);
        Assert.Equal((T("2024-01-01Z"), T("2024-07-01Z"), T("2024-08-01Z")), (w[0].TrainFrom, w[0].TestFrom, w[0].TestTo));
        Assert.Equal((T("2024-06-01Z"), T("2024-12-01Z"), T("2025-01-01Z")), (w[5].TrainFrom, w[5].TestFrom, w[5].TestTo));
        Assert.All(w, x => Assert.Equal(x.TrainTo, x.TestFrom));
        Assert.All(w.Skip(1), x => Assert.Equal(w[x.Index - 1].TestTo, x.TestFrom));   // tests tile the out-of-sample span
    }

    [Fact]
    public void Anchored_windows_always_train_from_the_first_candle()
    {
        var w = WalkForwardWindows.Plan(T("2024-01-01Z"), T("2025-01-01Z"), L("6M"), L("2M"), L("2M"), anchored: true);
        Assert.Equal(3, w.Count);
        Assert.All(w, x => Assert.Equal(T("2024-01-01Z"), x.TrainFrom));
        Assert.Equal([T("2024-07-01Z"), T("2024-09-01Z"), T("2024-11-01Z")], w.Select(x => x.TrainTo));
    }

    [Fact]
    public void A_test_that_would_pass_the_end_of_the_data_by_1_ms_is_left_out()
    {
        Assert.Equal(5, WalkForwardWindows.Plan(T("2024-01-01Z"), T("2025-01-01Z") - 1, L("6M"), L("1M"), L("1M"), false).Count);
    }

    [Fact]
    public void A_step_other_than_the_test_and_calendar_months_clamp_to_the_month_end()
    {
        var w = WalkForwardWindows.Plan(T("2024-01-31Z"), T("2024-12-31Z"), L("1M"), L("2w"), L("3M"), false);
        Assert.Equal(T("2024-02-29Z"), w[0].TrainTo);            // 31 January + 1M
        Assert.Equal(T("2024-03-14Z"), w[0].TestTo);
        Assert.Equal(T("2024-04-30Z"), w[1].TrainFrom);          // + 3M, counted from the start
        Assert.Equal(new Baton.Engine.Data.TimeRange(w[0].TestFrom, w[0].TestTo - 1000), w[0].Testing);
        Assert.Equal("2024-03-13T23:59:59Z", Formats.Time(w[0].Testing.To!.Value));
    }

    [Fact]
    public void Data_shorter_than_one_window_is_refused_naming_the_options_and_the_data()
    {
        var e = Assert.Throws<SweepInputException>(() =>
            WalkForwardWindows.Plan(T("2024-01-01Z"), T("2024-06-15Z"), L("6M"), L("1M"), L("1M"), false));
        Assert.Equal("--train 6M --test 1M: the data from 2024-01-01T00:00:00Z to 2024-06-15T00:00:00Z is shorter than one training and one test window", e.Message);
        Assert.Throws<SweepInputException>(() => WalkForwardWindows.Plan(T("2024-01-01Z"), T("2025-01-01Z"), L("10000y"), L("1d"), L("1d"), false));
    }

    [Fact]
    public void More_than_1000_windows_are_refused()
    {
        var e = Assert.Throws<SweepInputException>(() =>
            WalkForwardWindows.Plan(T("2000-01-01Z"), T("2010-01-01Z"), L("1d"), L("1d"), L("1d"), false));
        Assert.Contains("--step 1d: more than 1,000 windows", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("6M", 6, 'M')]
    [InlineData(" 90d ", 90, 'd')]
    [InlineData("2w", 2, 'w')]
    [InlineData("1y", 1, 'y')]
    public void Lengths_read_a_count_and_a_unit(string text, int count, char unit) =>
        Assert.Equal(new WindowLength(count, unit), WindowLength.Parse(text, "--train"));

    [Theory]
    [InlineData("0M", "--train '0M': the count must be from 1 to 10,000")]
    [InlineData("10001d", "--train '10001d': the count must be from 1 to 10,000")]
    [InlineData("6m", "--train '6m': m is minutes in a timeframe, not a window unit; months are M (expected a count and a unit d, w, M or y such as 6M, 1y, 2w or 90d)")]
    [InlineData("M", "--train 'M': expected a count and a unit d, w, M or y such as 6M, 1y, 2w or 90d")]
    [InlineData("-1M", "--train '-1M': expected a count and a unit d, w, M or y such as 6M, 1y, 2w or 90d")]
    [InlineData("1e3M", "--train '1e3M': expected a count and a unit d, w, M or y such as 6M, 1y, 2w or 90d")]
    [InlineData("6Q", "--train '6Q': expected a count and a unit d, w, M or y such as 6M, 1y, 2w or 90d")]
    [InlineData("99999999999M", "--train '99999999999M': expected a count and a unit d, w, M or y such as 6M, 1y, 2w or 90d")]
    [InlineData("", "--train '': expected a count and a unit d, w, M or y such as 6M, 1y, 2w or 90d")]
    public void Junk_lengths_are_refused_with_the_option_and_what_was_expected(string text, string message) =>
        Assert.Equal(message, Assert.Throws<SweepInputException>(() => WindowLength.Parse(text, "--train")).Message);

    [Fact]
    public void A_length_past_the_calendar_is_later_than_any_data()
    {
        Assert.Equal(long.MaxValue, L("10000y").After(T("2024-01-01Z"), 1));
        Assert.Equal(long.MaxValue, L("10000d").After(long.MaxValue, 1));
    }
}
