namespace Baton.Cli.Tests.Cluster;

/// <summary>
/// <c>baton sweep --cluster</c> on real <c>baton worker</c> processes and a real redis-server: whatever dies (a worker with
/// kill -9, the coordinator's silo, the sweep command itself) or joins, <c>trials.csv</c> is the local sweep's, byte for byte,
/// and no finished trial is run again.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterSweepTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(180);
    private static string Strategy => Path.Combine(BatonProcess.RepoRoot, "examples", "strategies", "sma_crossover.yaml");
    private readonly ClusterBed _bed = new();

    public void Dispose() => _bed.Dispose();

    /// <summary>20 fast periods × the slow periods <paramref name="slow"/>: trials in batches of 4 over <paramref name="data"/>.</summary>
    private string[] Sweep(string data, string outName, string slow, params string[] more) =>
        ["sweep", Strategy, "--data", data, "--param", "fast_period=5..24", "--param", "slow_period=" + slow, "--batch-size", "4",
         "--out", _bed.Path(outName), .. more];

    private string[] OnCluster(string data, string outName, string slow) => Sweep(data, outName, slow, "--cluster", _bed.Url);

    private byte[] Csv(string outName) => File.ReadAllBytes(_bed.Path(Path.Combine(outName, "trials.csv")));

    private string Journal(string outName) => _bed.Path(Path.Combine(outName, "journal.jsonl"));

    private void Local(string data, string outName, string slow)
    {
        var local = BatonProcess.Run(Sweep(data, outName, slow, "--jobs", "2"));
        Assert.True(local.Exit == 0, local.Err);
    }

    [Fact]
    public async Task Kill_9_of_a_worker_and_then_of_the_coordinators_silo_leaves_trials_csv_byte_equal_to_the_local_sweep()
    {
        const string slow = "20..85:5";   // 20 × 14 = 280 trials, 70 batches
        string data = _bed.Data(200_000);
        var starting = Task.Run(() => _bed.WorkersAsync("w1", "w2", "w3"));
        Local(data, "local", slow);
        var workers = (await starting).ToDictionary(w => w.Name);
        var sweep = _bed.Track(new BatonBackground(OnCluster(data, "cluster", slow)));

        string coordinator = await _bed.WaitForAsync("the sweep's coordinator in baton cluster status", s =>
            s.GetProperty("sweeps").EnumerateArray().Select(v => v.GetProperty("coordinator").GetString()).FirstOrDefault());
        Assert.Contains(coordinator, workers.Keys);
        string victim = "";
        await _bed.UntilAsync("a worker other than the coordinator's holding a batch", () =>
            (victim = _bed.Beats().Values.FirstOrDefault(b => b.Name != coordinator && b.Unit is not null)?.Name ?? "").Length > 0);
        workers[victim].Kill();
        Assert.False(sweep.HasExited, "the sweep ended before its worker was killed:\n" + sweep.Errors);

        await _bed.WaitForAsync($"{victim}, killed, declared dead", s => ClusterBed.Workers(s)[victim].Status == "dead" ? "" : null);
        var before = _bed.Status();
        var view = before.GetProperty("sweeps").EnumerateArray().Single();
        coordinator = view.GetProperty("coordinator").GetString()!;
        Assert.NotEqual(victim, coordinator);
        workers[coordinator].Kill();
        Assert.True(view.GetProperty("done").GetInt32() < 280, "the sweep was done before its coordinator was killed");
        Assert.False(sweep.HasExited, "the sweep ended before its coordinator's silo was killed:\n" + sweep.Errors);

        await _bed.WorkersAsync("w4");   // a fresh worker beside the last one left
        Assert.True(sweep.WaitForExit(Deadline) == 0, "the sweep failed:\n" + _bed.Stderr());
        Assert.Equal(Csv("local"), Csv("cluster"));
        Assert.Equal(280, ClusterBed.Lines(Journal("cluster")));
    }

    [Fact]
    public async Task The_sweep_command_killed_or_stopped_resumes_with_the_same_command_and_runs_no_finished_trial_again()
    {
        const string slow = "20..55:5";   // 20 × 8 = 160 trials, 40 batches
        string data = _bed.Data(100_000);
        var starting = Task.Run(() => _bed.WorkersAsync("w1", "w2"));
        Local(data, "local", slow);
        await starting;

        using (var killed = _bed.Track(new BatonBackground(OnCluster(data, "killed", slow))))
        {
            await _bed.UntilAsync("the first trials in the killed sweep's journal", () => ClusterBed.Lines(Journal("killed")) >= 8 || killed.HasExited);
            Assert.False(killed.HasExited, "the sweep ended before it could be killed:\n" + killed.Errors);
            killed.Kill();
        }
        Assert.InRange(ClusterBed.Lines(Journal("killed")), 8, 159);
        var resumed = BatonProcess.Run(OnCluster(data, "killed", slow));
        Assert.True(resumed.Exit == 0, resumed.Err + _bed.Stderr());
        Assert.Equal(Csv("local"), Csv("killed"));
        Assert.Equal(160, ClusterBed.Lines(Journal("killed")));
        // the workers ran each trial once: those the dead command had left in the store were collected, not run again
        await _bed.UntilAsync("the workers' beats to count 160 trials", () => _bed.Beats().Values.Sum(b => b.TrialsDone) >= 160);
        Assert.Equal(160, _bed.Beats().Values.Sum(b => b.TrialsDone));

        int exit;
        using (var stopped = _bed.Track(new BatonBackground(OnCluster(data, "stopped", slow))))
        {
            await _bed.UntilAsync("the first trials in the stopped sweep's journal", () => ClusterBed.Lines(Journal("stopped")) >= 8 || stopped.HasExited);
            Assert.False(stopped.HasExited, "the sweep ended before it could be stopped:\n" + stopped.Errors);
            exit = stopped.Signal("TERM", Deadline);
            Assert.True(exit == 130, $"exit {exit} after SIGTERM:\n{stopped.Errors}");
            Assert.Contains("run the same command to resume", stopped.Errors, StringComparison.Ordinal);
        }
        var again = BatonProcess.Run(OnCluster(data, "stopped", slow));
        Assert.True(again.Exit == 0, again.Err + _bed.Stderr());
        Assert.Equal(Csv("local"), Csv("stopped"));
        await _bed.UntilAsync("the workers' beats to count 320 trials", () => _bed.Beats().Values.Sum(b => b.TrialsDone) >= 320);
        Assert.Equal(320, _bed.Beats().Values.Sum(b => b.TrialsDone));
    }

    [Fact]
    public async Task A_worker_that_joins_mid_way_takes_work_at_once()
    {
        const string slow = "20..85:5";   // 280 trials
        string data = _bed.Data(100_000);
        var starting = Task.Run(() => _bed.WorkersAsync("w1"));
        Local(data, "local", slow);
        await starting;
        var sweep = _bed.Track(new BatonBackground(OnCluster(data, "cluster", slow)));
        await _bed.UntilAsync("the sweep's first trials", () => ClusterBed.Lines(Journal("cluster")) >= 4 || sweep.HasExited);
        await _bed.WorkersAsync("late");
        int atJoin = ClusterBed.Lines(Journal("cluster"));
        Assert.True(atJoin < 280, "the sweep was over before the second worker joined; make it longer");
        Assert.True(sweep.WaitForExit(Deadline) == 0, "the sweep failed:\n" + _bed.Stderr());
        Assert.Equal(Csv("local"), Csv("cluster"));
        await _bed.UntilAsync("the workers' beats to count 280 trials", () => _bed.Beats().Values.Sum(b => b.TrialsDone) >= 280);
        var beats = _bed.Beats();
        Assert.True(beats["late"].TrialsDone > 0, $"the worker that joined with {280 - atJoin} trials to go ran none:\n{_bed.Stderr()}");
        Assert.Equal(280, beats["late"].TrialsDone + beats["w1"].TrialsDone);
    }
}
