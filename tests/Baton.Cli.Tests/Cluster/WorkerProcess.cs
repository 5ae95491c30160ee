using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Baton.Cli.Tests.Cluster;

/// <summary>
/// A real <c>baton</c> process started in the background (a <c>baton worker</c>, or a <c>baton sweep --cluster</c> the test
/// kills): its pid, its stderr as it comes, kill -9, SIGINT and SIGTERM.
/// </summary>
internal class BatonBackground : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _err = new();

    public BatonBackground(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = BatonProcess.RepoRoot };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "baton.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        Command = "baton " + string.Join(' ', args);
        _process = Process.Start(info)!;
        Pid = _process.Id;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_err) if (e.Data is not null && _err.Length < 200_000) _err.AppendLine(e.Data);
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Command { get; }
    public int Pid { get; }
    public bool HasExited => _process.HasExited;

    public string Errors
    {
        get { lock (_err) return _err.ToString(); }
    }

    /// <summary>kill -9: no chance to clean up.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>Sends <paramref name="signal"/> (INT: Ctrl-C, TERM) and returns the exit code once the process ended.</summary>
    public int Signal(string signal, TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-" + signal, Pid.ToString(CultureInfo.InvariantCulture)])) kill.WaitForExit();
        return WaitForExit(timeout);
    }

    /// <summary>The exit code once the process ends by itself, or a failure naming what did not end and its stderr.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
            throw new TimeoutException($"{Command} did not exit within {timeout.TotalSeconds:0} s; its stderr:\n{Errors}");
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try { if (!_process.HasExited) _process.Kill(); }
        catch (InvalidOperationException) { /* already gone */ }
        _process.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A real <c>baton worker --cluster URL --name NAME --jobs 1</c> (a silo of the test's cluster).</summary>
internal sealed class WorkerProcess(string cluster, string name, params string[] more)
    : BatonBackground(["worker", "--cluster", cluster, "--name", name, "--jobs", "1", .. more])
{
    public string Name { get; } = name;

    /// <summary>Waits (up to 90 s: a loaded machine starts a silo slowly) for its "joined the cluster" line.</summary>
    public async Task WaitJoinedAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!Errors.Contains($"worker {Name} joined the cluster", StringComparison.Ordinal))
        {
            if (HasExited) throw new InvalidOperationException($"worker {Name} exited before it joined the cluster; its stderr:\n{Errors}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"worker {Name} did not join the cluster within 90 s; its stderr:\n{Errors}");
            await Task.Delay(50);
        }
    }
}
