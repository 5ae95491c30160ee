using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Baton.Web.Tests;

/// <summary>
/// The real <c>baton serve</c> (the built baton.dll beside the tests) on a free port, with a strategies folder of
/// its own: a copy of the repository's examples plus a broken strategy. Everything it prints is kept in
/// <see cref="Output"/>; disposing stops it.
/// </summary>
public sealed partial class BatonServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private readonly IDictionary<string, string?>? _environment;
    private readonly string[] _args;

    private BatonServer(Process process, string root, IDictionary<string, string?>? environment, string[] args)
    {
        _process = process;
        Root = root;
        _environment = environment;
        _args = args;
    }

    public string Root { get; }
    public string StrategiesFolder => Path.Combine(Root, "examples", "strategies");
    public string RunsFolder => Path.Combine(Root, "data", "runs");
    public Uri Address { get; private set; } = null!;
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>The server's process id (to read its memory from /proc).</summary>
    public int ProcessId => _process.Id;

    /// <summary>A strategy whose one external indicator is <c>sleep <paramref name="seconds"/></c>: its backtest takes that
    /// long and can be cancelled meanwhile. Written into the strategies folder as <c>slow.yaml</c>.</summary>
    public void WriteSlowStrategy(int seconds) => File.WriteAllText(Path.Combine(StrategiesFolder, "slow.yaml"), $$"""
        name: slow
        symbols: [BTCUSDT]
        timeframe: 1h
        data: { source: synthetic, bars: 500, seed: 1, start: 2024-01-01, start_price: 100, volatility: 0.01 }
        dependencies:
          indicators:
            - { id: wait, type: external, command: "sleep {{seconds}}", timeout: 120s }
        entry:
          - when: wait > 1
            action: buy
        """);

    /// <summary>Starts a server with <paramref name="args"/> added to <c>serve --port 0 --strategies … --data-dir …</c>.</summary>
    public static Task<BatonServer> StartAsync(IDictionary<string, string?>? environment = null, params string[] args)
    {
        string root = Path.Combine(Path.GetTempPath(), "baton-web-tests", Guid.NewGuid().ToString("N"));
        CopyExamples(root);
        return StartInAsync(root, environment, args);
    }

    /// <summary>Stops this server and starts another one on the same folders (its runs and history).</summary>
    public async Task<BatonServer> RestartAsync()
    {
        await StopAsync();
        return await StartInAsync(Root, _environment, _args);
    }

    private static async Task<BatonServer> StartInAsync(string root, IDictionary<string, string?>? environment, string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "baton.dll"));
        foreach (var a in new[] { "serve", "--port", "0", "--strategies", Path.Combine(root, "examples", "strategies"), "--data-dir", Path.Combine(root, "data") }.Concat(args))
            info.ArgumentList.Add(a);
        info.Environment.Remove("BATON_TOKEN");
        foreach (var (k, v) in environment ?? new Dictionary<string, string?>()) info.Environment[k] = v;
        var server = new BatonServer(Process.Start(info)!, root, environment, args);
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        Uri? address = null;
        void OnLine(string? line)
        {
            if (line is null) return;
            lock (server._output) server._output.AppendLine(line);
            if (Listening().Match(line) is { Success: true } m) address = new Uri(m.Groups[1].Value);
            // started once the whole banner is out: a test may read any of its lines (the token) from Output at once
            if (line == "press Ctrl+C to stop" && address is not null) ready.TrySetResult(address);
        }
        server._process.OutputDataReceived += (_, e) => OnLine(e.Data);
        server._process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        var done = await Task.WhenAny(ready.Task, server._process.WaitForExitAsync(), Task.Delay(60_000));
        if (done != ready.Task) throw new InvalidOperationException("baton serve did not start: " + server.Output);
        server.Address = ready.Task.Result;
        return server;
    }

    /// <summary>An address on the loopback interface at the server's port (for servers bound to every address).</summary>
    public Uri Loopback => new($"http://127.0.0.1:{Address.Port}/");

    public static HttpClient Client(Uri address) => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address };

    /// <summary>Starts a backtest through the API and waits for it to end; returns its id.</summary>
    public static async Task<string> BacktestAsync(HttpClient client, string strategy, Dictionary<string, string> parameters)
    {
        var response = await client.PostAsJsonAsync("/api/backtests", new { strategy, parameters });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        string id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        for (int i = 0; i < 600; i++)
        {
            var run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");
            string status = run.GetProperty("status").GetString()!;
            if (status is not ("running" or "queued"))
            {
                Assert.True(status == "succeeded", $"run {id}: {run}");
                return id;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"run {id} did not end");
    }

    private async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>Where test artifacts (screenshots) go: artifacts/screenshots at the repository's root.</summary>
    public static string Screenshot(string name)
    {
        string dir = Path.Combine(RepoRoot, "artifacts", "screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name + ".png");
    }

    public static string RepoRoot { get; } = FindRoot();

    private static void CopyExamples(string root)
    {
        foreach (string folder in new[] { "strategies", "data", "components" })
        {
            string from = Path.Combine(RepoRoot, "examples", folder);
            if (!Directory.Exists(from)) continue;
            foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                string to = Path.Combine(root, "examples", folder, Path.GetRelativePath(from, file));
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(file, to);
            }
        }
        File.WriteAllText(Path.Combine(root, "examples", "strategies", "broken.yaml"),
            "name: broken\nsymbols: [BTCUSDT]\ntimeframe: daily\ndata: { source: synthetic, bars: 100 }\nentry:\n  - when: nothing > 1\n    action: buy\n");
    }

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Baton.slnx"))) return d.FullName;
        throw new InvalidOperationException("Baton.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"dashboard at (http://\S+)")]
    private static partial Regex Listening();
}
