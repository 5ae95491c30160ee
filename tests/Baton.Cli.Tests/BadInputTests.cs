namespace Baton.Cli.Tests;

public class BadInputTests
{
    private static string Write(string name, string text)
    {
        string path = Path.Combine(BatonProcess.TempDir(), name);
        File.WriteAllText(path, text);
        return path;
    }

    private const string Strategy = TestStrategies.DailySma;

    [Fact]
    public void Validate_reports_every_error_with_its_place_and_exits_2()
    {
        string path = Write("bad.yaml", Strategy.Replace("type: sma", "type: smma", StringComparison.Ordinal)
            .Replace("timeframe: 1d", "timeframe: daily", StringComparison.Ordinal));
        var (exit, _, err) = BatonProcess.Run("validate", path);
        Assert.Equal(2, exit);
        Assert.Contains($"{path}:3:12: timeframe: expected a bar length", err, StringComparison.Ordinal);
        Assert.Contains($"{path}:7:25: dependencies.indicators[0].type: unknown indicator type 'smma'", err, StringComparison.Ordinal);
        Assert.Contains("2 error(s); nothing was run", err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_strategy_with_a_data_file_stops_before_running_and_writes_nothing()
    {
        // the data file is hashed while the strategy loads: the failed load stops that and leaves no folder
        string data = Write("candles.csv", "timestamp,open,high,low,close,volume\n2024-01-01,1,2,0.5,1.5,10\n");
        string path = Write("bad.yaml", Strategy.Replace("type: sma", "type: smma", StringComparison.Ordinal));
        string output = Path.Combine(BatonProcess.TempDir(), "run");
        var (exit, _, err) = BatonProcess.Run("backtest", path, "--data", data, "--out", output);
        Assert.Equal(2, exit);
        Assert.Contains($"{path}:7:25: dependencies.indicators[0].type: unknown indicator type 'smma'", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void A_bad_command_line_says_what_is_wrong_and_exits_2()
    {
        var (exit, output, err) = BatonProcess.Run("data", "inspect", "candles.csv", "--bogus");
        Assert.Equal(2, exit);
        Assert.Contains("error: Unrecognized command or argument '--bogus'", err, StringComparison.Ordinal);
        Assert.Contains("see: baton data inspect --help", err, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    [Fact]
    public void Missing_strategy_file_is_named()
    {
        var (exit, _, err) = BatonProcess.Run("backtest", "/no/such/strategy.yaml");
        Assert.Equal(2, exit);
        Assert.Contains("/no/such/strategy.yaml: file not found", err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_live_replay_of_a_missing_file_fails_before_the_session_prints_anything()
    {
        string path = Write("live.yaml", Strategy);
        var (exit, output, err) = BatonProcess.Run("live", path, "--replay", "/no/such/replay.csv",
            "--journal", Path.Combine(BatonProcess.TempDir(), "j.db"));
        Assert.Equal(2, exit);
        Assert.Contains("data file not found: /no/such/replay.csv", err, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    [Fact]
    public void Missing_data_file_is_named()
    {
        string path = Write("s.yaml", Strategy);
        var (exit, _, err) = BatonProcess.Run("backtest", path);
        Assert.Equal(2, exit);
        Assert.Contains("candles.csv", err, StringComparison.Ordinal);
        Assert.Contains("not found", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2020-01-03,9,8,9.5,9,100", "high", "high")]               // high below low
    [InlineData("2020-01-03,10,9,8,9.5,100", "open", "open")]              // open above high
    [InlineData("2020-01-03,10,12,8,NaN,100", "close", "close")]
    [InlineData("2020-01-03,10,12,8,9,-5", "volume", "volume")]
    [InlineData("2020-01-02,10,12,8,9,100", "timestamp", "timestamp")]      // duplicate timestamp
    [InlineData("2020-01-03,abc,12,8,9,100", "open", "open")]
    [InlineData("2020-01-03,1e30,1e30,1e30,1e30,100", "open", "open")]     // a price the ledger cannot hold
    [InlineData("2020-01-03,1e-9,1,1e-9,1,100", "open", "open")]
    [InlineData("2020-01-03,10,11,9,10,1e19", "volume", "volume")]
    public void A_bad_candle_row_names_file_row_and_field_and_writes_nothing(string row, string field, string expectedField)
    {
        string dir = BatonProcess.TempDir();
        File.WriteAllText(Path.Combine(dir, "candles.csv"),
            "timestamp,open,high,low,close,volume\n2020-01-01,10,11,9,10,100\n2020-01-02,10,11,9,10.5,100\n" + row + "\n");
        File.WriteAllText(Path.Combine(dir, "s.yaml"), Strategy);
        string output = Path.Combine(dir, "run");
        var (exit, _, err) = BatonProcess.Run("backtest", Path.Combine(dir, "s.yaml"), "--out", output);
        Assert.Equal(1, exit);
        Assert.Contains($"candles.csv:4:{expectedField}", err, StringComparison.Ordinal);
        Assert.Contains("expected", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFiles(output).Any(), $"files were left in {output}");
        _ = field;
    }

    [Theory]
    [InlineData(1e-8, 1e12)]    // a short squeezed a hundred-billion-fold: covering it passes decimal's range
    [InlineData(1e-8, 1e-8)]    // 90 % of 1e15 at 1e-8 in steps of 1e-8: the step count alone passes it (rounded by remainder)
    public void Amounts_beyond_the_ledger_are_refused_with_the_time_and_nothing_written(double first, double later)
    {
        string dir = BatonProcess.TempDir();
        var rows = Enumerable.Range(0, 10).Select(i => (Day: new DateTime(2024, 1, 1).AddDays(i), Price: i < 6 ? first : later))
            .Select(r => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{r.Day:yyyy-MM-dd},{r.Price},{r.Price},{r.Price},{r.Price},10"));
        File.WriteAllText(Path.Combine(dir, "candles.csv"), "timestamp,open,high,low,close,volume\n" + string.Join('\n', rows) + "\n");
        File.WriteAllText(Path.Combine(dir, "s.yaml"), Strategy.Replace("symbols: [X]", "symbols: [X]\ninitial_cash: 1000000000000000", StringComparison.Ordinal)
            .Replace("close > fast, action: buy", "close <= fast, action: short", StringComparison.Ordinal)
            + "\nparameters: { position_size: 90% }\nexit:\n  signals:\n    - { when: close > 1000, action: cover }\n");
        string output = Path.Combine(dir, "run");
        var (exit, _, err) = BatonProcess.Run("backtest", Path.Combine(dir, "s.yaml"), "--out", output);
        if (later == first)
        {
            Assert.True(exit == 0, err);   // the entry sized and filled
            return;
        }
        Assert.Equal(1, exit);
        Assert.Contains("error: at 2024-01-", err, StringComparison.Ordinal);
        Assert.Contains("passed the ledger's exact range", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void A_bad_set_pair_is_a_clear_error()
    {
        var (exit, _, err) = BatonProcess.Run("backtest", Path.Combine(BatonProcess.RepoRoot, "examples/strategies/sma_crossover.yaml"), "--set", "oops");
        Assert.Equal(2, exit);
        Assert.Contains("--set oops: expected name=value", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_generate_writes_a_file_the_backtest_can_read()
    {
        string dir = BatonProcess.TempDir();
        string csv = Path.Combine(dir, "gen.csv");
        var (exit, stdout, err) = BatonProcess.Run("data", "generate", "--symbols", "X,Y", "--bars", "50", "--timeframe", "1h", "--seed", "3", "--out", csv);
        Assert.True(exit == 0, err);
        Assert.Contains("wrote 100 candles", stdout, StringComparison.Ordinal);
        Assert.Equal(101, File.ReadAllLines(csv).Length);
    }
}
