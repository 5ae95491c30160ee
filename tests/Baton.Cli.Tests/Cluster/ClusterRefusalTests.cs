namespace Baton.Cli.Tests.Cluster;

/// <summary>
/// A walk-forward on the cluster equals the local one; a sweep whose data changed under it is refused by every worker in
/// clear words (never computed on other data); a worker stopped with Ctrl-C mid-batch hands its batch back.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterRefusalTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(180);
    private static string Strategy => Path.Combine(BatonProcess.RepoRoot, "examples", "strategies", "sma_crossover.yaml");
    private readonly ClusterBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task A_walkforward_on_the_cluster_writes_the_local_walkforward_json_and_every_windows_trials_csv()
    {
        var starting = Task.Run(() => _bed.WorkersAsync("w1", "w2"));
        string[] Command(string dir, params string[] more) =>
            ["walkforward", Strategy, "--param", "fast_period=5..25:5", "--param", "slow_period=30,60", "--train", "2M", "--test", "1M",
             "--batch-size", "2", "--out", _bed.Path(dir), .. more];
        var local = BatonProcess.Run(Command("local", "--jobs", "2"));
        Assert.True(local.Exit == 0, local.Err);
        await starting;
        var cluster = BatonProcess.Run(Command("cluster", "--cluster", _bed.Url));
        Assert.True(cluster.Exit == 0, cluster.Err + _bed.Stderr());
        Assert.Equal(File.ReadAllBytes(_bed.Path("local/walkforward.json")), File.ReadAllBytes(_bed.Path("cluster/walkforward.json")));
        var windows = Directory.GetDirectories(_bed.Path("local/windows")).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(4, windows.Length);
        foreach (string w in windows)
            Assert.Equal(File.ReadAllBytes(_bed.Path($"local/windows/{w}/trials.csv")), File.ReadAllBytes(_bed.Path($"cluster/windows/{w}/trials.csv")));
        Assert.True(_bed.Beats().Values.All(b => b.TrialsDone > 0), "a worker ran nothing:\n" + _bed.Stderr());
    }

    [Fact]
    public async Task Data_that_changed_after_the_sweep_started_is_refused_by_every_worker_naming_the_file_and_its_sha256()
    {
        string data = _bed.Data(100_000);
        string other = _bed.Data(100_001, "other.parquet");
        await _bed.WorkersAsync("w1", "w2");
        string outDir = _bed.Path("changed");
        using var sweep = _bed.Track(new BatonBackground("sweep", Strategy, "--data", data, "--param", "fast_period=5..24",
            "--param", "slow_period=20..55:5", "--batch-size", "4", "--out", outDir, "--cluster", _bed.Url));
        await _bed.UntilAsync("the sweep's manifest", () => File.Exists(Path.Combine(outDir, "manifest.json")) || sweep.HasExited);
        File.Move(other, data, overwrite: true);   // a new file at the path: a worker reading the old one keeps reading it whole
        int exit = sweep.WaitForExit(Deadline);
        string err = sweep.Errors;
        Assert.True(exit == 1, $"exit {exit}:\n{err}");
        Assert.Contains("error: every worker of the cluster refused the sweep:", err, StringComparison.Ordinal);
        foreach (string worker in new[] { "w1", "w2" })
            Assert.Contains(err.Split('\n'), l => l.Contains($"worker {worker}: the data file {data} has SHA-256 ", StringComparison.Ordinal)
                && l.Contains("the sweep's manifest has", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_stopped_with_ctrl_c_mid_batch_hands_its_batch_back_and_the_sweep_ends_byte_equal()
    {
        string data = _bed.Data(200_000);
        string[] Sweep(string dir, params string[] more) =>
            ["sweep", Strategy, "--data", data, "--param", "fast_period=5..24", "--param", "slow_period=20..55:5", "--out", _bed.Path(dir), .. more];
        var starting = Task.Run(() => _bed.WorkersAsync("w1", "w2"));
        var local = BatonProcess.Run(Sweep("local", "--jobs", "2"));
        Assert.True(local.Exit == 0, local.Err);
        var workers = (await starting).ToDictionary(w => w.Name);
        // batches of 16 trials over 200 k candles: seconds each, so a batch begun is still in hand a beat later
        var sweep = _bed.Track(new BatonBackground(Sweep("cluster", "--batch-size", "16", "--cluster", _bed.Url)));
        string? first = null;
        await _bed.UntilAsync("w1 holding a batch", () => (first = _bed.Beats().GetValueOrDefault("w1")?.Unit) is not null || sweep.HasExited);
        await _bed.UntilAsync("w1 beginning its next batch", () => _bed.Beats().GetValueOrDefault("w1")?.Unit is { } u && u != first || sweep.HasExited);
        Assert.False(sweep.HasExited, "the sweep ended before w1 could be stopped:\n" + sweep.Errors);
        int exit = workers["w1"].Signal("INT", Deadline);
        Assert.True(exit == 0, $"w1 exited {exit} after Ctrl-C:\n{workers["w1"].Errors}");
        Assert.Contains("handed batch ", workers["w1"].Errors, StringComparison.Ordinal);
        Assert.True(sweep.WaitForExit(Deadline) == 0, "the sweep failed:\n" + _bed.Stderr());
        Assert.Equal(File.ReadAllBytes(_bed.Path("local/trials.csv")), File.ReadAllBytes(_bed.Path("cluster/trials.csv")));
    }
}
