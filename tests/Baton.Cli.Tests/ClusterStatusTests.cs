using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Baton.Cli.Commands;
using Baton.Cluster.Contracts;

namespace Baton.Cli.Tests;

/// <summary>
/// <c>baton cluster status</c> against a real redis-server and real <c>baton worker</c> processes: the workers as a table
/// (a worker killed with kill -9 shown DEAD once the membership declares it), the trials a worker ran after a
/// <c>--cluster</c> sweep, the same as JSON; and the text of a snapshot with a sweep in progress and a refusal.
/// </summary>
public sealed class ClusterStatusTests
{
    [Fact]
    public async Task Status_lists_the_workers_a_dead_one_as_DEAD_and_the_trials_each_ran_as_text_and_json()
    {
        var (_, url) = LiveRedis.NewDatabase();
        using var alive = Worker.Start(url, "w-alive");
        using var doomed = Worker.Start(url, "w-doomed");
        await alive.WaitJoinedAsync();
        await doomed.WaitJoinedAsync();

        var (exit, text, err) = BatonProcess.Run("cluster", "status", "--cluster", url);
        Assert.True(exit == 0, err + Workers(alive, doomed));
        var lines = text.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Equal($"cluster {url}: 2 workers (2 active, 0 dead), 0 sweeps", lines[0]);
        Assert.Matches(@"^WORKER\s+STATUS\s+CORES\s+JOBS\s+TRIALS DONE\s+WORKING ON$", lines[2]);
        Assert.Matches(@"^w-alive\s+active\s+\d+\s+1\s+0\s+idle$", lines[3]);
        Assert.Matches(@"^w-doomed\s+active\s+\d+\s+1\s+0\s+idle$", lines[4]);
        Assert.Contains("no sweep in the cluster", text, StringComparison.Ordinal);

        doomed.Kill();
        string dead = await PollAsync(() => BatonProcess.Run("cluster", "status", "--cluster", url).Out,
            t => t.Contains("(1 active, 1 dead)", StringComparison.Ordinal), "w-doomed shown dead after kill -9", alive);
        Assert.Matches(@"(?m)^w-doomed\s+DEAD\s+\d+\s+1\s+0\s+-\s*$", dead);

        string dir = BatonProcess.TempDir();
        var sweep = BatonProcess.Run("sweep", "examples/strategies/sma_crossover.yaml", "--param", "fast_period=5..8", "--param", "slow_period=20..30:10",
            "--batch-size", "2", "--out", Path.Combine(dir, "c"), "--cluster", url);
        Assert.True(sweep.Exit == 0, sweep.Err + Workers(alive));

        var json = BatonProcess.Run("cluster", "status", "--cluster", url, "--json");
        Assert.True(json.Exit == 0, json.Err);
        using var doc = JsonDocument.Parse(json.Out);
        var workers = doc.RootElement.GetProperty("workers").EnumerateArray().ToDictionary(w => w.GetProperty("name").GetString()!);
        Assert.Equal(new[] { "w-alive", "w-doomed" }, workers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("active", workers["w-alive"].GetProperty("status").GetString());
        Assert.Equal(8, workers["w-alive"].GetProperty("trials_done").GetInt64());
        Assert.Equal(1, workers["w-alive"].GetProperty("jobs").GetInt32());
        Assert.Equal(Environment.ProcessorCount, workers["w-alive"].GetProperty("cores").GetInt32());
        Assert.Equal("dead", workers["w-doomed"].GetProperty("status").GetString());
        Assert.Equal(0, doc.RootElement.GetProperty("sweeps").GetArrayLength());   // a finished sweep is in its folder, no longer in the store
        Assert.Matches(@"(?m)^w-alive\s+active\s+\d+\s+1\s+8\s+idle\s*$", BatonProcess.Run("cluster", "status", "--cluster", url).Out);
    }

    [Fact]
    public void The_text_shows_a_sweep_done_of_all_with_its_percent_batches_and_refusals()
    {
        var snapshot = new ClusterSnapshot(
            [
                new WorkerView("a-much-longer-worker-name", "127.0.0.1:1@1", "active", 8, 4, 1234, "0123456789abcdef0123", "40+10-0a1b2c3d4e5f"),
                new WorkerView("b", "127.0.0.1:2@1", "shuttingdown", 2, 2, 7, null, null),
                new WorkerView("c", "127.0.0.1:3@1", "dead", 2, 1, 3, null, null),
            ],
            [new SweepView("0123456789abcdef0123", "/data/strategies/sma.yaml", 200, 57, 12, 3, ["worker c: the data file /d.csv does not exist on this machine"], "b")]);
        var output = new StringWriter();
        ClusterStatusText.Print(snapshot, "redis://10.0.0.1:6379", output);
        Assert.Equal(string.Join('\n',
            "cluster redis://10.0.0.1:6379: 3 workers (1 active, 1 dead), 1 sweep",
            "",
            "WORKER                     STATUS   CORES  JOBS  TRIALS DONE  WORKING ON",
            "a-much-longer-worker-name  active       8     4         1234  sweep 0123456789ab batch 40+10",
            "b                          leaving      2     2            7  idle",
            "c                          DEAD         2     1            3  -",
            "",
            "SWEEP         STRATEGY  TRIALS DONE    %  RUNNING  QUEUED  COORDINATOR",
            "0123456789ab  sma.yaml       57/200  28%        3      12  b",
            "  warning: worker c: the data file /d.csv does not exist on this machine",
            ""), output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Status_of_a_cluster_whose_redis_is_not_there_is_one_line()
    {
        var (exit, _, err) = BatonProcess.Run("cluster", "status", "--cluster", "redis://127.0.0.1:1");
        Assert.Equal(1, exit);
        Assert.StartsWith("error: cannot reach the cluster's Redis at redis://127.0.0.1:1", err, StringComparison.Ordinal);
        Assert.Single(err.Trim().Split('\n'));
    }

    private static string Workers(params Worker[] workers) => string.Concat(workers.Select(w => $"\n--- {w.Name}:\n{w.Output}"));

    private static async Task<string> PollAsync(Func<string> read, Func<string, bool> done, string what, params Worker[] workers)
    {
        string last = "";
        for (var deadline = DateTime.UtcNow.AddSeconds(90); DateTime.UtcNow < deadline; await Task.Delay(500))
            if (done(last = read())) return last;
        throw new TimeoutException($"waited 90 s for {what}; the last status:\n{last}{Workers(workers)}");
    }

    /// <summary>A real <c>baton worker --jobs 1</c> on the test Redis; disposing kills it.</summary>
    private sealed class Worker : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private Worker(Process process, string name) => (_process, Name) = (process, name);

        public string Name { get; }
        public string Output { get { lock (_output) return _output.ToString(); } }

        public static Worker Start(string url, string name)
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = BatonProcess.RepoRoot };
            foreach (string a in new[] { Path.Combine(AppContext.BaseDirectory, "baton.dll"), "worker", "--cluster", url, "--name", name, "--jobs", "1" })
                info.ArgumentList.Add(a);
            var worker = new Worker(Process.Start(info)!, name);
            DataReceivedEventHandler keep = (_, e) => { if (e.Data is not null) lock (worker._output) if (worker._output.Length < 100_000) worker._output.AppendLine(e.Data); };
            worker._process.OutputDataReceived += keep;
            worker._process.ErrorDataReceived += keep;
            worker._process.BeginOutputReadLine();
            worker._process.BeginErrorReadLine();
            return worker;
        }

        public async Task WaitJoinedAsync()
        {
            for (var deadline = DateTime.UtcNow.AddSeconds(90); DateTime.UtcNow < deadline && !_process.HasExited; await Task.Delay(100))
                if (Output.Contains($"worker {Name} joined the cluster", StringComparison.Ordinal)) return;
            throw new TimeoutException($"waited 90 s for worker {Name} to print that it joined the cluster:\n{Output}");
        }

        /// <summary>kill -9.</summary>
        public void Kill()
        {
            _process.Kill();
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited) Kill();
            _process.Dispose();
        }
    }
}
