using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Baton.Cluster.Worker;
using StackExchange.Redis;

namespace Baton.Cli.Tests.Cluster;

/// <summary>The cluster tests run one at a time: each starts a redis-server and several silos of its own, and two
/// cores cannot carry two such clusters at once without the membership's probes timing out.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection
{
    public const string Name = "cluster";
}

/// <summary>
/// One test's cluster on this machine: a redis-server of its own (from <c>BATON_TEST_REDIS_SERVER</c>, on a free port, so no
/// other test's workers can take its sweeps), the <c>baton worker</c> processes it starts, a temp folder, and the
/// status as <c>baton cluster status --json</c> prints it. Disposing kills what it started, by pid.
/// </summary>
internal sealed class ClusterBed : IDisposable
{
    private readonly Process _redis;
    private readonly List<BatonBackground> _started = [];
    private ConnectionMultiplexer? _redisClient;

    public ClusterBed()
    {
        Dir = BatonProcess.TempDir();
        string server = Environment.GetEnvironmentVariable("BATON_TEST_REDIS_SERVER") is { Length: > 0 } bin ? bin
            : throw new InvalidOperationException("BATON_TEST_REDIS_SERVER is not set: run the tests with scripts/test.sh (it starts a redis-server)");
        int port = FreePort();
        var info = new ProcessStartInfo(server) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", Dir, "--save", "", "--appendonly", "no" })
            info.ArgumentList.Add(a);
        _redis = Process.Start(info)!;
        _redis.OutputDataReceived += (_, _) => { };
        _redis.BeginOutputReadLine();
        Url = $"redis://127.0.0.1:{port}";
        for (int i = 0; i < 200; i++)
        {
            try
            {
                using var c = new TcpClient("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        throw new InvalidOperationException($"redis-server did not start on port {port} within 10 s");
    }

    public string Dir { get; }
    public string Url { get; }

    /// <summary>A port nobody listens on (for an unreachable Redis).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public string Path(string name) => System.IO.Path.Combine(Dir, name);

    /// <summary>Starts workers (<c>--jobs 1</c>) and waits until each has joined.</summary>
    public async Task<WorkerProcess[]> WorkersAsync(params string[] names) => await WorkersAsync(names, []);

    public async Task<WorkerProcess[]> WorkersAsync(string[] names, string[] more)
    {
        var workers = names.Select(n => Track(new WorkerProcess(Url, n, more))).ToArray();
        foreach (var w in workers) await w.WaitJoinedAsync();
        return workers;
    }

    public T Track<T>(T process) where T : BatonBackground
    {
        _started.Add(process);
        return process;
    }

    /// <summary>Candles made by <c>baton data generate</c> (one symbol, hourly).</summary>
    public string Data(int bars, string name = "candles.parquet")
    {
        string file = Path(name);
        var made = BatonProcess.Run("data", "generate", "--symbols", "BTCUSDT", "--bars", bars.ToString(CultureInfo.InvariantCulture), "--timeframe", "1h",
            "--seed", "42", "--start", "2020-01-01", "--price", "40000", "--volatility", "0.01", "--out", file);
        Assert.True(made.Exit == 0, made.Err);
        return file;
    }

    /// <summary><c>baton cluster status --json</c>, parsed.</summary>
    public JsonElement Status(params string[] more)
    {
        var (exit, stdout, err) = BatonProcess.Run(["cluster", "status", "--cluster", Url, "--json", .. more]);
        Assert.True(exit == 0, "baton cluster status failed: " + err);
        using var json = JsonDocument.Parse(stdout);
        return json.RootElement.Clone();
    }

    /// <summary>Polls the status until <paramref name="found"/> picks something out of it (a deadline of 90 s), else
    /// fails naming <paramref name="what"/> with every started process's stderr.</summary>
    public async Task<T> WaitForAsync<T>(string what, Func<JsonElement, T?> found) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (found(Status()) is { } value) return value;
            await Task.Delay(100);
        }
        throw new TimeoutException($"waited 90 s for {what}; stderr of the processes:\n{Stderr()}");
    }

    /// <summary>Waits for a condition on files or processes (a deadline of 90 s), failing with every stderr.</summary>
    public async Task UntilAsync(string what, Func<bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"waited 90 s for {what}; stderr of the processes:\n{Stderr()}");
            await Task.Delay(25);
        }
    }

    public string Stderr() => string.Join("\n", _started.Select(p => $"--- {p.Command} (pid {p.Pid}):\n{p.Errors}"));

    /// <summary>The workers of a status as name → (status, trials done, unit in hand or null).</summary>
    public static Dictionary<string, (string Status, long Done, string? Unit)> Workers(JsonElement status) =>
        status.GetProperty("workers").EnumerateArray().ToDictionary(w => w.GetProperty("name").GetString()!,
            w => (w.GetProperty("status").GetString()!, w.GetProperty("trials_done").GetInt64(),
                  w.GetProperty("unit").ValueKind == JsonValueKind.String ? w.GetProperty("unit").GetString() : null));

    /// <summary>What each worker last reported to the cluster's store (each second): read from Redis directly, since
    /// <c>baton cluster status</c> starts a process and a client (seconds on a busy machine) and a batch may be done by then.</summary>
    public Dictionary<string, WorkerBeat> Beats()
    {
        _redisClient ??= ConnectionMultiplexer.Connect($"127.0.0.1:{new Uri(Url).Port}");
        return _redisClient.GetDatabase().HashGetAll("baton:cluster:workers")
            .Select(e => JsonSerializer.Deserialize<WorkerBeat>(e.Value.ToString())!).ToDictionary(b => b.Name, StringComparer.Ordinal);
    }

    /// <summary>Lines of a file that may not exist yet or be half-written.</summary>
    public static int Lines(string path)
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

    public void Dispose()
    {
        foreach (var p in _started) p.Dispose();
        _redisClient?.Dispose();
        try { if (!_redis.HasExited) _redis.Kill(); } catch (InvalidOperationException) { }
        _redis.WaitForExit();
        _redis.Dispose();
        try { Directory.Delete(Dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
