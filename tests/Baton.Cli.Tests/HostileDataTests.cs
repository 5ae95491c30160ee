using System.Globalization;
using System.Text;

namespace Baton.Cli.Tests;

/// <summary>
/// Issue 17, data coming in and the files a user names: each command meets hostile inputs (data of another timeframe,
/// empty windows, times past 9999, out-of-range generator options, FIFOs, devices, folders, invalid UTF-8, huge
/// headers) and must answer with the exit code, a message naming the place and what was expected, within a few
/// seconds, and leave nothing behind: no run folder, no output file, nothing but the inputs in the test's folder.
/// </summary>
public class HostileDataTests
{
    /// <summary>One hostile input: makes its files in the folder given and returns the command line.</summary>
    private sealed record Case(Func<string, string[]> Arguments, int Exit, params string[] Expected);

    private const string Header = "timestamp,open,high,low,close,volume\n";

    private static string Strategy(string timeframe, string data = "{ source: csv, path: candles.csv }") => $"""
        name: t
        symbols: [X]
        timeframe: {timeframe}
        data: {data}
        dependencies:
          indicators:
            - {"{"} id: fast, type: sma, period: 3 {"}"}
        entry:
          - {"{"} when: close > fast, action: buy {"}"}
        """;

    /// <summary><paramref name="count"/> valid candles from 2020-01-01, <paramref name="step"/> apart.</summary>
    private static string Candles(int count, TimeSpan step, DateTime? start = null)
    {
        var text = new StringBuilder(Header);
        var t = start ?? new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (int i = 0; i < count; i++)
            text.Append(CultureInfo.InvariantCulture, $"{t + (step * i):yyyy-MM-dd'T'HH:mm:ss'Z'},10,11,9,10.5,100\n");
        return text.ToString();
    }

    private static string File(string dir, string name, string text)
    {
        string path = Path.Combine(dir, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A backtest of a <paramref name="timeframe"/> strategy over the CSV <paramref name="data"/>, into dir/run.</summary>
    private static Func<string, string[]> Backtest(string timeframe, string data, params string[] more) => dir =>
        ["backtest", File(dir, "s.yaml", Strategy(timeframe)), "--data", File(dir, "candles.csv", data), "--out", Path.Combine(dir, "run"), .. more];

    private static Func<string, string[]> Generate(params string[] options) => dir =>
        ["data", "generate", .. options, "--out", Path.Combine(dir, "out.csv")];

    private static string Fifo(string dir)
    {
        string path = Path.Combine(dir, "pipe");
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", path);
        mkfifo.WaitForExit();
        return path;
    }

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // 4: the strategy's timeframe against the data's step
        ["4h strategy on 1h data"] = new(Backtest("4h", Candles(50, TimeSpan.FromHours(1))), 1,
            "X candle 2 at 2020-01-01T01:00:00Z: candles 1h apart, the strategy's timeframe is 4h", "--resample"),
        ["1h strategy on daily data"] = new(Backtest("1h", Candles(50, TimeSpan.FromDays(1))), 1,
            "candles at least 1d apart", "the strategy's timeframe is 1h (the data is coarser than the strategy)"),
        ["1h strategy on a 90m step"] = new(Backtest("1h", Candles(3, TimeSpan.FromMinutes(90))), 1,
            "X candle 2 at 2020-01-01T01:30:00Z: candles 90m apart", "not on the timeframe's grid"),
        ["1d strategy on monthly data"] = new(Backtest("1d", Candles(12, TimeSpan.FromDays(30))), 1,
            "candles at least 30d apart", "coarser"),
        ["resample of daily data to 4h"] = new(Backtest("4h", Candles(20, TimeSpan.FromDays(1)), "--resample"), 1,
            "cannot be resampled to the strategy's timeframe 4h"),
        ["resample of 3h data to 4h"] = new(Backtest("4h", Candles(20, TimeSpan.FromHours(3)), "--resample"), 1,
            "X: candles at least 3h apart cannot be resampled to the strategy's timeframe 4h (they do not divide it)"),
        // 7: a run with no candle
        ["header-only CSV"] = new(Backtest("1d", Header), 1, "window: no candle of X from the start of the data to the end of the data"),
        ["--from after the data"] = new(Backtest("1d", Candles(10, TimeSpan.FromDays(1)), "--from", "2030-01-01"), 1,
            "no candle of X from 2030-01-01T00:00:00Z to the end of the data"),
        ["--from after --to"] = new(Backtest("1d", Candles(10, TimeSpan.FromDays(1)), "--from", "2020-02-01", "--to", "2020-01-01"), 2,
            "--from 2020-02-01T00:00:00Z is after --to 2020-01-01T00:00:00Z"),
        ["--from a time of day"] = new(Backtest("1d", Candles(10, TimeSpan.FromDays(1)), "--from", "12:00"), 2,
            "--from 12:00: expected an ISO date or date-time"),
        ["--to a bare number"] = new(Backtest("1d", Candles(10, TimeSpan.FromDays(1)), "--to", "2020"), 2, "--to 2020: expected an ISO date"),
        // 8: times past 9999-12-31
        ["1h strategy, CSV ending 9999-12-31T23:00"] = new(Backtest("1h",
            Candles(3, TimeSpan.FromHours(1), new DateTime(9999, 12, 31, 21, 0, 0, DateTimeKind.Utc))), 1,
            "X candle 3 at 9999-12-31T23:00:00Z: its close (open + 1h) is past 9999-12-31"),
        ["resample of hourly candles at :30 to 4h"] = new(Backtest("4h",
            Candles(20, TimeSpan.FromHours(1), new DateTime(2020, 1, 1, 0, 30, 0, DateTimeKind.Utc)), "--resample"), 1,
            "X candle 1 at 2020-01-01T00:30:00Z: candles 1h apart starting there cannot be resampled", "straddle"),
        ["generate past 9999"] = new(Generate("--timeframe", "1d", "--bars", "10000000"), 2,
            "--bars: 10000000 bars of 1d from 2020-01-01T00:00:00Z would end past 9999-12-31", "at most 2914634 bars fit"),
        ["synthetic window past 9999"] = new(dir => ["validate", File(dir, "s.yaml",
            Strategy("1d", "{ source: synthetic, start: 9999-01-01, bars: 1000 }"))], 2, "s.yaml:4:", "data.bars: 1000 bars of 1d"),
        // 10: generator options named, with the range allowed
        ["generate --price 0"] = new(Generate("--price", "0"), 2, "--price 0: expected a number from 0.000001 to 10000000000"),
        ["generate --price -5"] = new(Generate("--price", "-5"), 2, "--price -5: expected a number from 0.000001 to 10000000000"),
        ["generate --price NaN"] = new(Generate("--price", "NaN"), 2, "--price NaN: expected a number from 0.000001 to 10000000000"),
        ["generate --price 1e308"] = new(Generate("--price", "1e308"), 2, "--price 1e308: expected a number from 0.000001 to 10000000000"),
        ["generate --volatility -1"] = new(Generate("--volatility", "-1"), 2, "--volatility -1: expected a number from 0 to 1"),
        ["generate --volatility NaN"] = new(Generate("--volatility", "NaN"), 2, "--volatility NaN: expected a number from 0 to 1"),
        ["generate --symbols A,A"] = new(Generate("--symbols", "A,A"), 2, "--symbols: A is given twice"),
        ["synthetic start_price 1e308"] = new(dir => ["validate", File(dir, "s.yaml",
            Strategy("1d", "{ source: synthetic, start_price: 1e308 }"))], 2, "s.yaml:4:", "data.start_price"),
        ["synthetic volatility -1"] = new(dir => ["validate", File(dir, "s.yaml",
            Strategy("1d", "{ source: synthetic, volatility: -1 }"))], 2, "s.yaml:4:", "data.volatility"),
        // 11: only regular files are read
        ["validate a FIFO"] = new(dir => ["validate", Fifo(dir)], 2, "pipe: is a named pipe (FIFO)"),
        ["backtest --data a FIFO"] = new(dir => ["backtest", File(dir, "s.yaml", Strategy("1d")), "--data", Fifo(dir), "--out",
            Path.Combine(dir, "run")], 2, "pipe: is a named pipe (FIFO)"),
        ["data inspect a FIFO"] = new(dir => ["data", "inspect", Fifo(dir)], 1, "is a named pipe (FIFO)"),
        ["validate /dev/zero"] = new(_ => ["validate", "/dev/zero"], 2, "/dev/zero: is a device"),
        ["validate the empty path"] = new(_ => ["validate", ""], 2, "STRATEGY '': expected a non-empty value"),
        ["validate a folder"] = new(dir => ["validate", dir], 2, ": is a folder; expected a file"),
        ["validate a 2 MiB strategy"] = new(dir => ["validate", File(dir, "s.yaml", "# " + new string('x', 2 << 20))], 2,
            "s.yaml: is 2 MiB; the limit is 1 MiB"),
        // 15: invalid UTF-8 located, echoed input bounded
        ["validate invalid UTF-8"] = new(dir =>
        {
            string path = Path.Combine(dir, "s.yaml");
            System.IO.File.WriteAllBytes(path, [.. "name: t\nsymbols: [X"u8, 0xFF, .. "]\n"u8]);
            return ["validate", path];
        }, 2, "s.yaml:2:12: invalid UTF-8 byte 0xFF"),
        ["a 1 MB CSV header"] = new(Backtest("1d", "timestamp," + new string('h', 1 << 20) + "\n"), 1, "found columns: timestamp, hhhh", "characters)"),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void A_hostile_input_gets_its_exit_code_a_located_message_and_leaves_nothing(string name)
    {
        var c = Cases[name];
        string dir = BatonProcess.TempDir();
        string[] args = c.Arguments(dir);
        var before = Directory.EnumerateFileSystemEntries(dir).Order(StringComparer.Ordinal).ToArray();
        var started = DateTime.UtcNow;
        var (exit, _, err) = BatonProcess.Run(args);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(60), $"{name}: took {DateTime.UtcNow - started}");
        Assert.True(c.Exit == exit, $"{name}: exit {exit}, expected {c.Exit}; stderr: {err}");
        foreach (string expected in c.Expected) Assert.Contains(expected, err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);   // never a stack trace
        Assert.True(err.Length < 2000, $"{name}: {err.Length} characters of messages");
        Assert.Equal(before, Directory.EnumerateFileSystemEntries(dir).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Finer_data_is_resampled_to_the_strategy_timeframe_when_asked()
    {
        string dir = BatonProcess.TempDir();
        File(dir, "candles.csv", Candles(200, TimeSpan.FromHours(1)));
        string yaml = File(dir, "s.yaml", Strategy("4h", "{ source: csv, path: candles.csv, resample: true }"));
        var (exit, json, err) = BatonProcess.Run("backtest", yaml, "--json", "--out", Path.Combine(dir, "run"));
        Assert.True(exit == 0, err);
        string manifest = System.IO.File.ReadAllText(Path.Combine(dir, "run", "metrics.json"));
        Assert.Contains("\"candles\": 50", manifest, StringComparison.Ordinal);   // 200 hourly candles, 4 to a 4h candle
        Assert.NotEmpty(json);
    }

    [Fact]
    public void Hourly_data_whose_first_step_is_a_gap_is_resampled_too()
    {
        string dir = BatonProcess.TempDir();
        var lines = Candles(100, TimeSpan.FromHours(1), new DateTime(2020, 1, 1, 1, 0, 0, DateTimeKind.Utc)).Split('\n').ToList();
        lines.RemoveAt(2);   // 02:00 missing: the first step is 2h, the data's bars are 1h
        var (exit, _, err) = BatonProcess.Run(Backtest("4h", string.Join('\n', lines), "--resample")(dir));
        Assert.True(exit == 0, err);
    }

    [Fact]
    public void Daily_data_with_weekend_gaps_runs_under_a_daily_strategy()
    {
        string dir = BatonProcess.TempDir();
        var text = new StringBuilder(Header);
        for (var t = new DateTime(2020, 1, 6, 0, 0, 0, DateTimeKind.Utc); t.Year == 2020 && t.Month < 4; t = t.AddDays(1))
        {
            if (t.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                text.Append(CultureInfo.InvariantCulture, $"{t:yyyy-MM-dd},10,11,9,10.5,100\n");
        }
        var (exit, _, err) = BatonProcess.Run(Backtest("1d", text.ToString())(dir));
        Assert.True(exit == 0, err);
    }
}
