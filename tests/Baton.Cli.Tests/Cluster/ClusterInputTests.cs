namespace Baton.Cli.Tests.Cluster;

/// <summary>
/// Bad cluster input is refused in one line naming the option (exit 2) before anything is written; an unreachable Redis is one
/// line and exit 1, never a hang; a cluster made with <c>--cert</c> works with it and refuses a client without it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterInputTests
{
    private static string Strategy => Path.Combine(BatonProcess.RepoRoot, "examples", "strategies", "sma_crossover.yaml");

    private static string[] SmallSweep(string outDir, params string[] more) =>
        ["sweep", Strategy, "--param", "fast_period=5..14", "--param", "slow_period=20..60:10", "--out", outDir, .. more];

    /// <summary>One line on stderr, no stack trace.</summary>
    private static void OneLine(string err, string expected)
    {
        Assert.Contains(expected, err, StringComparison.Ordinal);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sweep", "http://x", "--cluster: 'http://x' is not a Redis address; expected redis://HOST:PORT")]
    [InlineData("sweep", "redis://host", "--cluster: 'redis://host' has no port")]
    [InlineData("sweep", "redis://h:99999", "--cluster: 'redis://h:99999' is not a Redis address")]
    [InlineData("sweep", "redis://h:6379?db=1", "--cluster: 'redis://h:6379?db=1' has a query")]
    [InlineData("walkforward", "redis://host", "--cluster: 'redis://host' has no port")]
    [InlineData("worker", "http://x", "--cluster: 'http://x' is not a Redis address")]
    [InlineData("worker", "redis://h:0", "--cluster: 'redis://h:0' has no port")]
    [InlineData("status", "redis://h:6379#x", "--cluster: 'redis://h:6379#x' has a query")]
    public void A_malformed_cluster_address_is_refused_in_one_line_and_leaves_no_folder(string command, string address, string expected)
    {
        string outDir = Path.Combine(BatonProcess.TempDir(), "out");
        string[] args = command switch
        {
            "sweep" => SmallSweep(outDir, "--cluster", address),
            "walkforward" => ["walkforward", Strategy, "--param", "fast_period=5,10", "--param", "slow_period=30,60", "--train", "2M",
                "--test", "1M", "--out", outDir, "--cluster", address],
            "worker" => ["worker", "--cluster", address, "--name", "w"],
            _ => ["cluster", "status", "--cluster", address],
        };
        var (exit, _, err) = BatonProcess.Run(args);
        Assert.Equal(2, exit);
        OneLine(err, "error: " + expected);
        Assert.False(Directory.Exists(outDir), "a refused command left its folder behind");
    }

    [Theory]
    [InlineData("--listen", "0.0.0.0", "--listen 0.0.0.0: a worker reachable from other machines needs --cert")]
    [InlineData("--listen", "somewhere", "--listen: 'somewhere' is not an IP address")]
    [InlineData("--name", "two words", "--name: 'two words' must be 1 to 64 characters without spaces")]
    [InlineData("--cert", "/nonexistent/cluster.pfx", "--cert: /nonexistent/cluster.pfx does not exist")]
    [InlineData("--cert", "STRATEGY", "is not a PKCS#12 certificate made by baton cluster cert")]
    public void A_bad_worker_option_is_refused_in_one_line_before_joining(string option, string value, string expected)
    {
        if (value == "STRATEGY") value = Strategy;
        // a Redis nobody runs: the option is refused before anything is reached
        string[] name = option == "--name" ? [] : ["--name", "w"];
        var (exit, _, err) = BatonProcess.Run(["worker", "--cluster", $"redis://127.0.0.1:{ClusterBed.FreePort()}", .. name, option, value]);
        Assert.Equal(2, exit);
        OneLine(err, expected);
    }

    [Fact]
    public void A_sweep_with_a_cert_that_is_not_one_is_refused_in_one_line_and_leaves_no_folder()
    {
        string outDir = Path.Combine(BatonProcess.TempDir(), "out");
        var (exit, _, err) = BatonProcess.Run(SmallSweep(outDir, "--cluster", $"redis://127.0.0.1:{ClusterBed.FreePort()}", "--cert", Strategy));
        Assert.Equal(2, exit);
        OneLine(err, $"--cert: {Strategy} is not a PKCS#12 certificate");
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task An_unreachable_redis_is_one_line_and_exit_1_for_sweep_worker_and_status()
    {
        string address = $"redis://127.0.0.1:{ClusterBed.FreePort()}";
        string outDir = Path.Combine(BatonProcess.TempDir(), "out");
        var runs = await Task.WhenAll(
            Task.Run(() => BatonProcess.Run(SmallSweep(outDir, "--cluster", address))),
            Task.Run(() => BatonProcess.Run("worker", "--cluster", address, "--name", "w")),
            Task.Run(() => BatonProcess.Run("cluster", "status", "--cluster", address)));
        foreach (var (exit, _, err) in runs)
        {
            Assert.True(exit == 1, err);
            OneLine(err, "cannot reach the cluster's Redis at " + address + ": ");
            Assert.True(err.Length < 300, "a page of diagnostics instead of one line: " + err);
        }
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task Workers_and_sweep_with_the_clusters_cert_work_and_a_client_without_it_is_refused_in_one_line()
    {
        using var bed = new ClusterBed();
        string cert = bed.Path("cluster.pfx");
        var made = BatonProcess.Run("cluster", "cert", "--out", cert);
        Assert.True(made.Exit == 0, made.Err);
        Assert.Equal(2, BatonProcess.Run("cluster", "cert", "--out", cert).Exit);   // never overwritten
        var other = BatonProcess.Run("cluster", "cert", "--out", bed.Path("other.pfx"));
        Assert.True(other.Exit == 0, other.Err);
        var workers = await bed.WorkersAsync(["w1", "w2"], ["--cert", cert]);
        Assert.All(workers, w => Assert.Contains("mutual TLS", w.Errors, StringComparison.Ordinal));

        var local = BatonProcess.Run(SmallSweep(bed.Path("local"), "--jobs", "2"));
        var cluster = BatonProcess.Run(SmallSweep(bed.Path("cluster"), "--cluster", bed.Url, "--cert", cert));
        Assert.True(local.Exit == 0 && cluster.Exit == 0, local.Err + cluster.Err + bed.Stderr());
        Assert.Equal(File.ReadAllBytes(bed.Path("local/trials.csv")), File.ReadAllBytes(bed.Path("cluster/trials.csv")));

        var refused = await Task.WhenAll(
            Task.Run(() => BatonProcess.Run(SmallSweep(bed.Path("nocert"), "--cluster", bed.Url))),
            Task.Run(() => BatonProcess.Run("cluster", "status", "--cluster", bed.Url, "--cert", bed.Path("other.pfx"))));
        Assert.Equal(1, refused[0].Exit);
        OneLine(refused[0].Err, $"error: cannot join the cluster at {bed.Url}: ");
        Assert.Contains("or they use --cert and this command needs the same certificate", refused[0].Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(bed.Path("nocert")));
        Assert.Equal(1, refused[1].Exit);
        OneLine(refused[1].Err, $"error: cannot join the cluster at {bed.Url}: ");
        Assert.Contains("or they do not use this same --cert", refused[1].Err, StringComparison.Ordinal);
    }
}
