using System.Text.Json;

namespace Baton.Cli.Tests;

public class WalkForwardCommandTests
{
    private static string Example => Path.Combine(BatonProcess.RepoRoot, "examples", "strategies", "sma_crossover.yaml");

    private static string[] Args(string dir, params string[] more) =>
        ["walkforward", Example, "--param", "fast_period=5,10,15", "--param", "slow_period=30,60", "--train", "2M", "--test", "1M",
            "--out", dir, .. more];

    [Fact]
    public void Each_test_window_equals_baton_backtest_of_the_chosen_parameters_over_its_range()
    {
        string dir = BatonProcess.TempDir();
        var (exit, stdout, err) = BatonProcess.Run(Args(dir, "--jobs", "2"));
        Assert.True(exit == 0, err);
        foreach (string f in new[] { "manifest.json", "walkforward.json", "windows/00/trials.csv", "windows/00/manifest.json", "windows/03/trials.parquet" })
            Assert.True(File.Exists(Path.Combine(dir, f)), f);
        Assert.Contains("re-run the last test: baton backtest", stdout, StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")));
        Assert.Equal("walkforward", manifest.RootElement.GetProperty("kind").GetString());
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "walkforward.json")));
        var root = json.RootElement;
        Assert.Equal(["objective", "train", "test", "step", "anchored", "windows", "efficiency", "out_of_sample", "equity"],
            root.EnumerateObject().Select(p => p.Name));
        var windows = root.GetProperty("windows").EnumerateArray().ToArray();
        Assert.Equal(4, windows.Length);
        foreach (var w in windows)
        {
            string[] set = [.. w.GetProperty("chosen").EnumerateObject().SelectMany(p => new[] { "--set", p.Name + "=" + p.Value.GetString() })];
            var (code, metricsJson, backtestErr) = BatonProcess.Run(["backtest", Example, "--from", w.GetProperty("test_from").GetString()!,
                "--to", w.GetProperty("test_to").GetString()!, .. set, "--json", "--out", Path.Combine(dir, "bt" + w.GetProperty("index").GetInt32())]);
            Assert.True(code == 0, backtestErr);
            using var metrics = JsonDocument.Parse(metricsJson);
            var oos = w.GetProperty("out_of_sample");
            Assert.Equal(metrics.RootElement.GetProperty("total_return").GetDouble(), oos.GetProperty("total_return").GetDouble());
            Assert.Equal(metrics.RootElement.GetProperty("sharpe").GetDouble(), oos.GetProperty("sharpe").GetDouble());
            Assert.Equal(metrics.RootElement.GetProperty("trades").GetProperty("trade_count").GetInt32(), oos.GetProperty("trades").GetInt32());
        }
        Assert.Equal("2024-03-01T00:00:00Z", windows[0].GetProperty("test_from").GetString());
        Assert.Equal("2024-03-31T23:59:59Z", windows[0].GetProperty("test_to").GetString());
    }

    [Fact]
    public void The_same_command_gives_the_same_files_whatever_the_jobs_and_a_rerun_resumes()
    {
        string one = BatonProcess.TempDir(), two = BatonProcess.TempDir();
        var a = BatonProcess.Run(Args(one, "--jobs", "1"));
        var b = BatonProcess.Run(Args(two, "--jobs", "2"));
        Assert.True(a.Exit == 0 && b.Exit == 0, a.Err + b.Err);
        foreach (string f in new[] { "walkforward.json", "windows/00/trials.csv", "windows/03/trials.csv" })
            Assert.Equal(File.ReadAllText(Path.Combine(one, f)), File.ReadAllText(Path.Combine(two, f)));
        string before = File.ReadAllText(Path.Combine(one, "walkforward.json"));
        var again = BatonProcess.Run(Args(one, "--jobs", "2"));
        Assert.True(again.Exit == 0, again.Err);
        Assert.Equal(before, File.ReadAllText(Path.Combine(one, "walkforward.json")));
        var other = BatonProcess.Run(["walkforward", Example, "--param", "fast_period=5,10,15", "--param", "slow_period=30,60",
            "--train", "3M", "--test", "1M", "--out", one]);
        Assert.Equal(2, other.Exit);
        Assert.Contains("differs in \"windows\"", other.Err, StringComparison.Ordinal);
        // another test length or step changes no training range, and is refused all the same
        var step = BatonProcess.Run(["walkforward", Example, "--param", "fast_period=5,10,15", "--param", "slow_period=30,60",
            "--train", "2M", "--test", "4w", "--step", "1M", "--out", one]);
        Assert.Equal(2, step.Exit);
        Assert.Contains("differs in \"windows\"", step.Err, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Path.Combine(one, "walkforward.json")));
    }

    [Fact]
    public void Stopped_with_sigterm_it_saves_what_finished_exits_130_and_resumes_to_the_same_files()
    {
        string full = BatonProcess.TempDir(), stopped = BatonProcess.TempDir();
        string[] grid = ["--param", "fast_period=5..25:5", "--param", "slow_period=20..80:10", "--where", "fast_period < slow_period"];
        string[] Command(string dir, params string[] more) =>
            ["walkforward", Example, .. grid, "--train", "2M", "--test", "1M", "--out", dir, .. more];
        var whole = BatonProcess.Run(Command(full, "--jobs", "2"));
        Assert.True(whole.Exit == 0, whole.Err);
        int exit;
        string errors;
        using (var process = new LiveProcess(Command(stopped, "--jobs", "1", "--batch-size", "2")))
        {
            string journal = Path.Combine(stopped, "windows", "01", "journal.jsonl");
            for (int i = 0; i < 2400 && Lines(journal) < 4 && !process.HasExited; i++) Thread.Sleep(25);
            Assert.False(process.HasExited, "the walk-forward ended before it could be stopped");
            exit = process.Terminate(TimeSpan.FromSeconds(60));
            errors = process.Errors;
        }
        Assert.Equal(130, exit);
        Assert.Contains("run the same command to resume", errors, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(stopped, "walkforward.json")));
        Assert.Equal(33, File.ReadAllLines(Path.Combine(stopped, "windows", "00", "trials.csv")).Length - 1);
        var resumed = BatonProcess.Run(Command(stopped, "--jobs", "2"));
        Assert.True(resumed.Exit == 0, resumed.Err);
        Assert.Equal(File.ReadAllText(Path.Combine(full, "walkforward.json")), File.ReadAllText(Path.Combine(stopped, "walkforward.json")));
        Assert.Equal(File.ReadAllText(Path.Combine(full, "windows", "01", "trials.csv")), File.ReadAllText(Path.Combine(stopped, "windows", "01", "trials.csv")));
    }

    private static int Lines(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllLines(path).Length : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    [Theory]
    [InlineData("--train", "0M", "error: --train '0M': the count must be from 1 to 10,000")]
    [InlineData("--train", "6m", "error: --train '6m': m is minutes in a timeframe, not a window unit; months are M")]
    [InlineData("--test", "1e308y", "error: --test '1e308y': expected a count and a unit d, w, M or y")]
    [InlineData("--test", "1y", "error: --train 2M --test 1y: the data from 2024-01-01T00:00:00Z to 2024-07-27T08:00:00Z is shorter than one training and one test window")]
    [InlineData("--step", "0d", "error: --step '0d': the count must be from 1 to 10,000")]
    public void Bad_windows_are_refused_in_one_line_before_anything_is_written(string option, string value, string message)
    {
        string dir = Path.Combine(BatonProcess.TempDir(), "wf");
        string[] args = ["walkforward", Example, "--param", "fast_period=5,10", "--train", "2M", "--test", "1M", "--out", dir];
        int at = Array.IndexOf(args, option);
        args = at >= 0 ? [.. args[..(at + 1)], value, .. args[(at + 2)..]] : [.. args, option, value];
        var (exit, _, err) = BatonProcess.Run(args);
        Assert.Equal(2, exit);
        Assert.StartsWith(message, err, StringComparison.Ordinal);
        Assert.Single(err.Trim().Split('\n'));
        Assert.False(Directory.Exists(dir));
    }
}
