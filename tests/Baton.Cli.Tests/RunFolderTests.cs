using System.Security.Cryptography;

namespace Baton.Cli.Tests;

/// <summary>
/// Issue 17's name and run-folder classes through the real CLI: a hostile name, symbol, condition or <c>--out</c> gets
/// exit 2 and a located message, nothing is written outside the folder asked for (or at all), an input is never
/// overwritten, and a failed re-run leaves an earlier good run's files as they were.
/// </summary>
public class RunFolderTests
{
    private const string Strategy = """
        name: t
        symbols: [X]
        timeframe: 1h
        data: { source: csv, path: candles.csv }
        dependencies:
          indicators:
            - { id: fast, type: sma, period: 3 }
        entry:
          - { when: close > fast, action: buy }
        exit:
          signals:
            - { when: close < fast, action: close }
        """;

    private static string Candles(int rows, bool badLast = false)
    {
        var lines = new List<string> { "timestamp,open,high,low,close,volume" };
        for (int i = 0; i < rows; i++)
        {
            double c = 100 + 10 * Math.Sin(i / 5.0);
            lines.Add($"{new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(i):yyyy-MM-ddTHH:mm:ssZ},{c},{c + 1},{c - 1},{c},10");
        }
        if (badLast) lines.Add("2030-01-01T00:00:00Z,1,2,0.5,oops,10");
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>A fresh folder with the strategy (edited by <paramref name="edit"/>) and its candles.</summary>
    private static (string Dir, string Strategy) Setup(Func<string, string>? edit = null, bool badData = false)
    {
        string dir = BatonProcess.TempDir();
        File.WriteAllText(Path.Combine(dir, "candles.csv"), Candles(200, badData));
        string path = Path.Combine(dir, "s.yaml");
        File.WriteAllText(path, (edit ?? (s => s))(Strategy));
        return (dir, path);
    }

    private static Dictionary<string, string> Snapshot(string dir) =>
        Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .ToDictionary(p => Path.GetRelativePath(dir, p),
                p => File.Exists(p) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p))) : "dir");

    public static TheoryData<string, string, string> HostileStrategies() => new()
    {
        { "name: t", "name: ../../escaped", "s.yaml:1:7: name: a name cannot contain '/'" },
        { "name: t", "name: /tmp/escaped", "s.yaml:1:7: name: a name cannot contain '/'" },
        { "name: t", "name: ..", "s.yaml:1:7: name: \"..\" names a folder" },
        { "name: t", "name: ''", "s.yaml:1:7: name: expected a name, got an empty one" },
        { "symbols: [X]", "symbols: ['X,Y']", "s.yaml:2:11: symbols[0]: 'X,Y' has a character a symbol cannot have (',')" },
        // 100,000 terms, parentheses or nots: refused by the length bound; a few hundred: by the operator and depth bounds
        { "close > fast, action: buy", string.Join(" + ", Enumerable.Repeat("close", 100_000)) + " > 0, action: buy", "at most 4096 are allowed" },
        { "close > fast, action: buy", new string('(', 100_000) + "close" + new string(')', 100_000) + ", action: buy", "at most 4096 are allowed" },
        { "close > fast, action: buy", string.Concat(Enumerable.Repeat("not ", 100_000)) + "close, action: buy", "at most 4096 are allowed" },
        { "close > fast, action: buy", string.Join(" * ", Enumerable.Repeat("close", 60_000)) + " > 0, action: buy", "at most 4096 are allowed" },
        { "close > fast, action: buy", string.Join(" or ", Enumerable.Repeat("close", 300)) + ", action: buy", "more than 256 operators" },
        { "close > fast, action: buy", new string('(', 100) + "close" + new string(')', 100) + ", action: buy", "nested deeper than 64 levels" },
        { "close > fast, action: buy", "\"" + string.Concat(Enumerable.Repeat("- ", 100)) + "close > 0\", action: buy", "nested deeper than 64 levels" },
        { "period: 3 }", "period: 3 }\n    - { id: m, type: macd, fast: 30, slow: 26 }", "s.yaml:8:34: dependencies.indicators[1].fast: fast (30) must be less than slow (26) for macd" },
    };

    [Theory, MemberData(nameof(HostileStrategies))]
    public void A_hostile_strategy_is_refused_with_its_place_by_validate_and_backtest_and_nothing_is_written(string from, string to, string message)
    {
        var (dir, path) = Setup(s => s.Replace(from, to, StringComparison.Ordinal));
        var before = Snapshot(dir);
        foreach (var args in (string[][])[["validate", path], ["backtest", path]])
        {
            var (exit, output, err) = BatonProcess.RunIn(dir, null, args);
            Assert.Equal(2, exit);
            Assert.Contains(message, err, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", err + output, StringComparison.Ordinal);   // no stack trace
            Assert.True(err.Length < 20_000, "the message echoes the whole hostile text");
        }
        Assert.Equal(before, Snapshot(dir));
        Assert.False(Directory.Exists(Path.Combine(dir, "..", "..", "escaped")));
        Assert.False(Directory.Exists("/tmp/escaped"));
    }

    public static TheoryData<string, string> HostileOutputs() => new()
    {
        { ".", "the run would overwrite its own input" },
        { "", "expected a non-empty value" },     // the option's own rule (OptionRules) refuses it first
        { " ", "expected a non-empty value" },
        { "/", "is the file system's root" },
        { "candles.csv", "is a file; name a folder" },
        { "s.yaml", "is a file; name a folder" },
    };

    [Theory, MemberData(nameof(HostileOutputs))]
    public void An_out_folder_that_cannot_take_the_run_is_refused_before_it_runs(string output, string message)
    {
        var (dir, path) = Setup();
        var before = Snapshot(dir);
        var (exit, _, err) = BatonProcess.RunIn(dir, null, "backtest", path, "--out", output);
        Assert.Equal(2, exit);
        Assert.StartsWith("error: --out", err, StringComparison.Ordinal);
        Assert.Contains(message, err, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(dir));
    }

    [Fact]
    public void A_run_into_the_data_folder_writes_its_files_there_when_none_is_an_input()
    {
        var (dir, path) = Setup();
        File.Move(Path.Combine(dir, "candles.csv"), Path.Combine(dir, "prices.csv"));
        var (exit, _, err) = BatonProcess.RunIn(dir, null, "backtest", path, "--data", "prices.csv", "--out", ".");
        Assert.True(exit == 0, err);
        Assert.True(File.Exists(Path.Combine(dir, "report.html")));
        Assert.Empty(Directory.GetDirectories(dir));   // no staging folder left
    }

    [Fact]
    public void A_staging_folder_left_by_a_killed_run_is_removed_by_the_next_run_and_a_live_one_is_kept()
    {
        var (dir, path) = Setup();
        string output = Path.Combine(dir, "run");
        string abandoned = Path.Combine(output, ".baton-run-2147483646-0123456789abcdef");   // no such process
        string live = Path.Combine(output, $".baton-run-{Environment.ProcessId}-0123456789abcdef");   // this test's
        foreach (var staging in new[] { abandoned, live })
        {
            Directory.CreateDirectory(staging);
            File.WriteAllText(Path.Combine(staging, "equity.csv"), "half-written");
        }
        var (exit, _, err) = BatonProcess.Run("backtest", path, "--out", output);
        Assert.True(exit == 0, err);
        Assert.False(Directory.Exists(abandoned));
        Assert.True(File.Exists(Path.Combine(live, "equity.csv")));
        Assert.True(File.Exists(Path.Combine(output, "report.html")));
    }

    [Fact]
    public void A_failed_rerun_leaves_the_earlier_good_run_as_it_was_and_nothing_else()
    {
        var (dir, path) = Setup();
        string output = Path.Combine(dir, "out", "run");
        var (exit, _, err) = BatonProcess.RunIn(dir, null, "backtest", path, "--out", output);
        Assert.True(exit == 0, err);
        var good = Snapshot(output);
        Assert.Contains("report.html", good.Keys);
        Assert.Equal(8, good.Count);

        File.WriteAllText(Path.Combine(dir, "candles.csv"), Candles(200, badLast: true));
        (exit, _, err) = BatonProcess.RunIn(dir, null, "backtest", path, "--out", output);
        Assert.Equal(1, exit);
        Assert.Contains("candles.csv:202", err, StringComparison.Ordinal);
        Assert.Equal(good, Snapshot(output));

        string fresh = Path.Combine(dir, "out", "fresh");
        (exit, _, _) = BatonProcess.RunIn(dir, null, "backtest", path, "--out", fresh);
        Assert.Equal(1, exit);
        Assert.False(Directory.Exists(fresh));
    }

    [Fact]
    public void A_condition_at_the_operator_limit_compiles_and_runs()
    {
        string when = string.Join(" + ", Enumerable.Repeat("close", 255)) + " > 0";
        var (dir, path) = Setup(s => s.Replace("close > fast, action: buy", when + ", action: buy", StringComparison.Ordinal));
        var (exit, _, err) = BatonProcess.RunIn(dir, null, "backtest", path, "--out", "run");
        Assert.True(exit == 0, err);
        Assert.True(File.Exists(Path.Combine(dir, "run", "metrics.json")));
    }
}
