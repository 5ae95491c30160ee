using System.Diagnostics;
using System.Text;

namespace Baton.Cli.Tests;

/// <summary>A running <c>baton</c> process (the built executable) that the test can kill -9 or stop with SIGTERM.</summary>
internal sealed class LiveProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _err = new();

    public LiveProcess(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = BatonProcess.RepoRoot };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "baton.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_err) if (e.Data is not null && _err.Length < 100_000) _err.AppendLine(e.Data);
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    public string Errors
    {
        get { lock (_err) return _err.ToString(); }
    }

    /// <summary>Waits (up to 60 s: a loaded CI machine starts processes slowly) for the banner <c>baton live</c>
    /// prints once it handles signals and is about to run.</summary>
    public async Task WaitUntilUpAsync()
    {
        for (int i = 0; i < 1200 && !Errors.Contains("Ctrl-C stops", StringComparison.Ordinal) && !HasExited; i++) await Task.Delay(50);
    }

    /// <summary>Waits for the process to end by itself; its exit code.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) throw new TimeoutException("baton live did not exit by itself:\n" + Errors);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>kill -9: no chance to clean up.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, then the exit code (a clean shutdown exits 0).</summary>
    public int Terminate(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
        if (!_process.WaitForExit(timeout)) throw new TimeoutException("baton live did not stop after SIGTERM:\n" + Errors);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.Dispose();
    }
}
