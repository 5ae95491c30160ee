using System.Globalization;
using System.Text.Json;

namespace Baton.Cli.Tests;

/// <summary><c>baton sweep</c> as a process: the same trials.csv bytes whatever --jobs, a batch size or a kill in the
/// middle; every trial equal to <c>baton backtest --set</c> with its parameters; bad input refused in one line.</summary>
public sealed class SweepCommandTests : IDisposable
{
    private readonly string _dir = BatonProcess.TempDir();
    private readonly string _strategy;

    public SweepCommandTests()
    {
        _strategy = Path.Combine(_dir, "sma.yaml");
        File.WriteAllText(_strategy, File.ReadAllText(Path.Combine(BatonProcess.RepoRoot, "examples", "strategies", "sma_crossover.yaml"))
            .Replace("bars: 5000", "bars: 3000", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_dir, true);

    private string[] Sweep(string outName, params string[] more) =>
        ["sweep", _strategy, "--param", "fast_period=5..25:5", "--param", "slow_period=20..80:10", "--param", "position_size=5%,10%",
         "--where", "fast_period < slow_period", "--out", Path.Combine(_dir, outName), .. more];

    private byte[] Csv(string outName) => File.ReadAllBytes(Path.Combine(_dir, outName, "trials.csv"));

    [Fact]
    public void Trials_csv_is_byte_identical_with_one_job_and_two_and_any_batch_size()
    {
        var one = BatonProcess.Run(Sweep("one", "--jobs", "1"));
        var two = BatonProcess.Run(Sweep("two", "--jobs", "2", "--batch-size", "3"));
        Assert.True(one.Exit == 0, one.Err);
        Assert.True(two.Exit == 0, two.Err);
        Assert.Equal(Csv("one"), Csv("two"));
        string[] lines = File.ReadAllLines(Path.Combine(_dir, "one", "trials.csv"));
        Assert.Equal(1 + 66, lines.Length);   // 5 × 7 × 2 points, fast < slow leaves 33 × 2
        Assert.StartsWith("trial,fast_period,slow_period,position_size,status,error,score,periods_per_year,", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(",orders,final_equity,final_state,candles,fills_hash", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("0,5,20,5%,ok,,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("65,25,80,10%,ok,,", lines[^1], StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dir, "one", "trials.parquet")));
        Assert.Contains("re-run the best: baton backtest ", one.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Killed_with_kill_9_the_same_command_resumes_to_the_same_bytes()
    {
        var full = BatonProcess.Run(Sweep("full", "--jobs", "2"));
        Assert.True(full.Exit == 0, full.Err);
        string journal = Path.Combine(_dir, "killed", "journal.jsonl");
        using (var killed = new LiveProcess(Sweep("killed", "--jobs", "1", "--batch-size", "2")))
        {
            for (int i = 0; i < 2400 && Lines(journal) < 4 && !killed.HasExited; i++) await Task.Delay(25);
            Assert.False(killed.HasExited, "the sweep ended before it could be killed:\n" + killed.Errors);
            killed.Kill();
        }
        int saved = Lines(journal);
        Assert.InRange(saved, 4, 65);
        var resumed = BatonProcess.Run(Sweep("killed", "--jobs", "2", "--batch-size", "2"));
        Assert.True(resumed.Exit == 0, resumed.Err);
        Assert.Equal(Csv("full"), Csv("killed"));
        Assert.Equal(66, Lines(journal));   // the saved trials were not run again
    }

    [Fact]
    public void Stopped_with_sigterm_it_saves_what_finished_exits_130_and_resumes()
    {
        var full = BatonProcess.Run(Sweep("full", "--jobs", "1"));
        int exit;
        string errors;
        using (var stopped = new LiveProcess(Sweep("stopped", "--jobs", "1", "--batch-size", "4")))
        {
            string journal = Path.Combine(_dir, "stopped", "journal.jsonl");
            for (int i = 0; i < 2400 && Lines(journal) < 4 && !stopped.HasExited; i++) Thread.Sleep(25);
            Assert.False(stopped.HasExited, "the sweep ended before it could be stopped");
            exit = stopped.Terminate(TimeSpan.FromSeconds(60));
            errors = stopped.Errors;
        }
        Assert.Equal(130, exit);
        Assert.Contains("run the same command to resume", errors, StringComparison.Ordinal);
        int rows = File.ReadAllLines(Path.Combine(_dir, "stopped", "trials.csv")).Length - 1;
        Assert.Equal(Lines(Path.Combine(_dir, "stopped", "journal.jsonl")), rows);
        var resumed = BatonProcess.Run(Sweep("stopped", "--jobs", "2"));
        Assert.True(resumed.Exit == 0, resumed.Err);
        Assert.Equal(Csv("full"), Csv("stopped"));
    }

    [Fact]
    public void The_best_trial_and_a_sample_equal_baton_backtest_with_their_parameters()
    {
        var sweep = BatonProcess.Run(Sweep("sweep", "--jobs", "2", "--objective", "total_return", "--keep", "best:1"));
        Assert.True(sweep.Exit == 0, sweep.Err);
        var (header, rows) = ReadCsv(Path.Combine(_dir, "sweep", "trials.csv"));
        var best = rows.MaxBy(r => double.Parse(r[header.IndexOf("score")], CultureInfo.InvariantCulture))!;
        foreach (var row in new[] { best, rows[0], rows[33], rows[^1] })
        {
            string run = Path.Combine(_dir, "run-" + row[0]);
            var backtest = BatonProcess.Run("backtest", _strategy, "--out", run, "--set", "fast_period=" + row[1],
                "--set", "slow_period=" + row[2], "--set", "position_size=" + row[3]);
            Assert.True(backtest.Exit == 0, backtest.Err);
            using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "metrics.json")));
            var leaves = new List<(string, JsonElement)>();
            Flatten(metrics.RootElement.GetProperty("metrics"), "", leaves);
            foreach (var (name, value) in leaves) AssertSame(value, row[header.IndexOf(name)], $"trial {row[0]} {name}");
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "manifest.json")));
            Assert.Equal(manifest.RootElement.GetProperty("fills_sha256").GetString(), row[header.IndexOf("fills_hash")]);
        }
        string kept = Path.Combine(_dir, "sweep", "best", "01-trial-" + best[0]);
        using var keptManifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(kept, "manifest.json")));
        Assert.Equal(keptManifest.RootElement.GetProperty("fills_sha256").GetString(), best[header.IndexOf("fills_hash")]);
        Assert.True(File.Exists(Path.Combine(kept, "report.html")));
    }

    [Fact]
    public void A_folder_holding_another_sweep_is_refused_naming_the_field()
    {
        Assert.Equal(0, BatonProcess.Run(Sweep("a", "--jobs", "2")).Exit);
        var (exit, _, err) = BatonProcess.Run(Sweep("a", "--objective", "sortino"));
        Assert.Equal(2, exit);
        Assert.Contains("differs in \"objective\"", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--param|fast=1..3", "--param fast: ")]
    [InlineData("--param|fast_period=10..5:1", "reversed")]
    [InlineData("--param|fast_period=5..10:0", "step greater than 0")]
    [InlineData("--param|fast_period=NaN", "is not a number")]
    [InlineData("--param|fast_period=1e308", "is not a number")]
    [InlineData("--param|fast_period=1..1000000000", "at most 1000000 points")]
    [InlineData("--param|fast_period=1,2|--param|fast_period=3", "given twice")]
    [InlineData("--param|fast_period=5|--where|fast_period >", "--where")]
    [InlineData("--param|fast_period=5|--where|slow_period > 1", "is not a swept parameter")]
    [InlineData("--param|fast_period=5|--where|fast_period > 5", "no point of the grid")]
    [InlineData("--param|fast_period=5|--objective|luck", "--objective luck")]
    [InlineData("--param|fast_period=5|--search|annealing", "--search annealing")]
    [InlineData("--param|fast_period=5|--trials|10", "--trials")]
    [InlineData("--param|fast_period=5|--keep|best:0", "--keep best:0")]
    [InlineData("--param|fast_period=5|--jobs|0", "--jobs 0")]
    [InlineData("--param|fast_period=5|--set|fast_period=6", "--set fast_period")]
    [InlineData("--param|seed=1,2", "--param seed")]
    public void Bad_input_exits_2_with_one_line_and_writes_nothing(string args, string expected)
    {
        string outDir = Path.Combine(_dir, "bad");
        var (exit, output, err) = BatonProcess.Run(["sweep", _strategy, .. args.Split('|'), "--out", outDir]);
        Assert.Equal(2, exit);
        Assert.Contains(expected, err, StringComparison.Ordinal);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => !l.StartsWith("see:", StringComparison.Ordinal));
        Assert.Equal("", output);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void An_output_that_is_a_file_or_a_folder_of_other_files_is_refused()
    {
        string file = Path.Combine(_dir, "file");
        File.WriteAllText(file, "x");
        var (exit, _, err) = BatonProcess.Run("sweep", _strategy, "--param", "fast_period=5", "--out", file);
        Assert.Equal(2, exit);
        Assert.Contains("is a file", err, StringComparison.Ordinal);
        Assert.Equal("x", File.ReadAllText(file));
        (exit, _, err) = BatonProcess.Run("sweep", _strategy, "--param", "fast_period=5", "--out", _dir);
        Assert.Equal(2, exit);
        Assert.Contains("holds no sweep", err, StringComparison.Ordinal);
    }

    private static int Lines(string path)
    {
        if (!File.Exists(path)) return 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        int n = 0, b;
        while ((b = stream.ReadByte()) >= 0) if (b == '\n') n++;
        return n;
    }

    private static void Flatten(JsonElement e, string prefix, List<(string, JsonElement)> into)
    {
        foreach (var p in e.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.Object) Flatten(p.Value, prefix + p.Name + ".", into);
            else into.Add((prefix + p.Name, p.Value));
        }
    }

    private static void AssertSame(JsonElement value, string cell, string what)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null: Assert.True(cell == "", what); break;
            case JsonValueKind.Number:
                Assert.True(decimal.TryParse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal json)
                    && decimal.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal csv) && json == csv
                    || value.GetDouble() == double.Parse(cell, CultureInfo.InvariantCulture), $"{what}: {value.GetRawText()} vs {cell}");
                break;
            default: Assert.Equal(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText(), cell); break;
        }
    }

    private static (List<string> Header, List<string[]> Rows) ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        return (lines[0].Split(',').ToList(), lines.Skip(1).Select(l => l.Split(',')).ToList());
    }
}
