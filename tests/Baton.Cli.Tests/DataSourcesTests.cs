using System.Text.Json;

namespace Baton.Cli.Tests;

/// <summary>CSV, Parquet and PostgreSQL through the real <c>baton</c> command, against the server the test script
/// starts (<c>BATON_TEST_PG</c>); these fail, not skip, without it.</summary>
public class DataSourcesTests
{
    private static string Server()
    {
        string? server = Environment.GetEnvironmentVariable("BATON_TEST_PG");
        if (string.IsNullOrEmpty(server)) Assert.Fail("BATON_TEST_PG is not set: run the tests with scripts/test.sh, which starts a PostgreSQL server");
        return server!;
    }

    private static string Password(string server) => new Uri(server).UserInfo.Split(':')[1];

    private static string NewTable(string server) => $"{server}?table=cli_{Guid.NewGuid():N}";

    private static string Ok(params string[] args)
    {
        var (exit, stdout, stderr) = BatonProcess.Run(args);
        Assert.True(exit == 0, $"baton {string.Join(' ', args)} exited {exit}: {stderr}");
        return stdout + stderr;
    }

    [Fact]
    public void Csv_to_parquet_to_postgres_to_csv_gives_the_same_bytes()
    {
        string server = Server(), uri = NewTable(server), dir = BatonProcess.TempDir();
        string csv = Path.Combine(dir, "in.csv"), parquet = Path.Combine(dir, "in.parquet"), back = Path.Combine(dir, "back.csv");
        var output = Ok("data", "generate", "--symbols", "AAA,BBB", "--bars", "3000", "--timeframe", "1h", "--out", csv)
            + Ok("data", "convert", csv, "--out", parquet)
            + Ok("data", "init", uri)
            + Ok("data", "import", parquet, "--to", uri)
            + Ok("data", "convert", uri, "--symbols", "AAA,BBB", "--timeframe", "1h", "--out", back);
        Assert.Equal(File.ReadAllBytes(csv), File.ReadAllBytes(back));
        Assert.DoesNotContain(Password(server), output);
    }

    [Fact]
    public void The_same_backtest_from_csv_parquet_and_postgres_gives_identical_trades_and_fills()
    {
        string server = Server(), uri = NewTable(server), dir = BatonProcess.TempDir();
        string csv = Path.Combine(dir, "btc.csv"), parquet = Path.Combine(dir, "btc.parquet");
        string strategy = Path.Combine(BatonProcess.RepoRoot, "examples", "strategies", "sma_crossover.yaml");
        var output = Ok("data", "generate", "--symbols", "BTCUSDT", "--bars", "6000", "--timeframe", "1h", "--price", "40000", "--out", csv)
            + Ok("data", "convert", csv, "--out", parquet)
            + Ok("data", "init", uri)
            + Ok("data", "import", csv, "--to", uri, "--symbol", "BTCUSDT", "--timeframe", "1h");
        var runs = new[] { csv, parquet, uri }.Select((data, i) =>
        {
            string run = Path.Combine(dir, "run" + i);
            output += Ok("backtest", strategy, "--data", data, "--out", run);
            return run;
        }).ToList();
        byte[] trades = File.ReadAllBytes(Path.Combine(runs[0], "trades.csv"));
        Assert.True(trades.Length > 200, "the strategy should trade");
        string fills = Fills(runs[0]);
        foreach (var run in runs.Skip(1))
        {
            Assert.Equal(trades, File.ReadAllBytes(Path.Combine(run, "trades.csv")));
            Assert.Equal(fills, Fills(run));
        }
        foreach (var file in runs.SelectMany(Directory.GetFiles)) Assert.DoesNotContain(Password(server), File.ReadAllText(file));
        Assert.DoesNotContain(Password(server), output);
        Assert.Contains("postgresql://baton:***@", File.ReadAllText(Path.Combine(runs[2], "manifest.json")));
        // a data file given with --data is hashed while the strategy loads; a database has no file to hash
        Assert.Equal(Sha256(csv), DataHash(runs[0]));
        Assert.Equal(Sha256(parquet), DataHash(runs[1]));
        Assert.Null(DataHash(runs[2]));
    }

    private static string Sha256(string file) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)));

    private static string? DataHash(string run)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "manifest.json")));
        return manifest.RootElement.GetProperty("data_sha256").GetString();
    }

    [Fact]
    public void Re_importing_adds_nothing_and_inspect_counts_the_rows()
    {
        string server = Server(), uri = NewTable(server), dir = BatonProcess.TempDir();
        string csv = Path.Combine(dir, "d.csv");
        Ok("data", "generate", "--symbols", "AAA,BBB", "--bars", "500", "--timeframe", "1d", "--out", csv);
        Ok("data", "init", uri);
        Assert.Contains("1000 new candles (1d)", Ok("data", "import", csv, "--to", uri));
        Assert.Contains("0 new candles (1d)", Ok("data", "import", csv, "--to", uri));
        var (exit, stdout, stderr) = BatonProcess.Run("data", "inspect", uri, "--json");
        Assert.True(exit == 0, stderr);
        using var report = JsonDocument.Parse(stdout);
        var symbols = report.RootElement[0].GetProperty("symbols");
        Assert.Equal(2, symbols.GetArrayLength());
        Assert.All(symbols.EnumerateArray(), s => Assert.Equal(500, s.GetProperty("rows").GetInt64()));
        Assert.DoesNotContain(Password(server), stdout + stderr);
    }

    [Fact]
    public void A_strategy_with_source_postgres_uses_BATON_PG()
    {
        string server = Server(), uri = NewTable(server), dir = BatonProcess.TempDir();
        string csv = Path.Combine(dir, "x.csv"), yaml = Path.Combine(dir, "s.yaml");
        Ok("data", "generate", "--symbols", "X", "--bars", "300", "--timeframe", "1d", "--out", csv);
        Ok("data", "init", uri);
        Ok("data", "import", csv, "--to", uri, "--symbol", "X");
        File.WriteAllText(yaml, """
            name: pg
            symbols: [X]
            timeframe: 1d
            data: { source: postgres }
            dependencies:
              indicators:
                - { id: fast, type: sma, period: 3 }
            entry:
              - { when: close > fast, action: buy }
            """);
        var (exit, stdout, stderr) = BatonProcess.Run(new Dictionary<string, string> { ["BATON_PG"] = uri }, "backtest", yaml, "--out", Path.Combine(dir, "out"));
        Assert.True(exit == 0, stderr);
        Assert.DoesNotContain(Password(server), stdout + stderr);
    }

    [Fact]
    public void A_database_that_is_down_is_a_clear_error_without_the_password()
    {
        string server = Server();
        var down = $"postgresql://{new Uri(server).UserInfo}@127.0.0.1:1/nothing";
        string strategy = Path.Combine(BatonProcess.RepoRoot, "examples", "strategies", "sma_crossover.yaml");
        var (exit, stdout, stderr) = BatonProcess.Run("backtest", strategy, "--data", down, "--out", BatonProcess.TempDir());
        Assert.Equal(1, exit);
        Assert.StartsWith("error: postgresql://baton:***@127.0.0.1:1/nothing: connection: could not connect", stderr);
        Assert.DoesNotContain(Password(server), stdout + stderr);
    }

    [Fact]
    public void Inspect_reports_gaps_and_invalid_rows_of_a_csv_file()
    {
        string dir = BatonProcess.TempDir(), csv = Path.Combine(dir, "g.csv");
        File.WriteAllText(csv, "timestamp,open,high,low,close,volume\n2020-01-01,1,2,0.5,1,1\n2020-01-02,1,2,0.5,1,1\n" +
            "2020-01-05,1,2,0.5,1,1\n2020-01-06,1,0.1,0.5,1,1\n2020-01-06,1,2,0.5,1,1\n2020-01-07,abc,2,0.5,1,1\n");
        var (exit, stdout, stderr) = BatonProcess.Run("data", "inspect", csv, "--json");
        Assert.True(exit == 0, stderr);
        using var report = JsonDocument.Parse(stdout);
        var r = report.RootElement[0];
        var s = r.GetProperty("symbols")[0];
        Assert.Equal(5, s.GetProperty("rows").GetInt64());
        Assert.Equal(1, s.GetProperty("invalid_rows").GetInt64());
        Assert.Equal(2, s.GetProperty("missing_bars").GetInt64());
        Assert.Equal(1, s.GetProperty("gaps").GetInt64());
        Assert.Equal(1, r.GetProperty("unreadable_rows").GetInt64());
        Assert.Contains($"{csv}:5:high: expected high >= low", r.GetProperty("problems")[0].GetString());
        Assert.Contains($"{csv}:7:open: expected a number, got \"abc\"", r.GetProperty("problems")[1].GetString());
    }

    [Fact]
    public void A_missing_parquet_file_names_its_path()
    {
        string missing = Path.Combine(BatonProcess.TempDir(), "none.parquet");
        string strategy = Path.Combine(BatonProcess.RepoRoot, "examples", "strategies", "sma_crossover.yaml");
        var (exit, _, stderr) = BatonProcess.Run("backtest", strategy, "--data", missing);
        Assert.Equal(1, exit);
        Assert.Contains($"expected a Parquet file at {missing}, but there is none", stderr);
    }

    private static string Fills(string run)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "manifest.json")));
        return manifest.RootElement.GetProperty("fills_sha256").GetString()!;
    }
}
