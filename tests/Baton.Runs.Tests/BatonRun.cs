using System.Diagnostics;

namespace Baton.Runs.Tests;

/// <summary>Runs the real <c>baton</c> (built beside the tests) and finds the repository's files.</summary>
internal static class BatonRun
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Example(string name) => Path.Combine(RepoRoot, "examples", "strategies", name + ".yaml");

    /// <summary>Every example strategy's name (examples/strategies/*.yaml).</summary>
    public static IEnumerable<string> Examples() =>
        Directory.GetFiles(Path.Combine(RepoRoot, "examples", "strategies"), "*.yaml")
            .Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal);

    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoRoot };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "baton.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(180_000)) { p.Kill(true); throw new TimeoutException("baton " + string.Join(' ', args)); }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Backtests an example into a new folder; returns the folder.</summary>
    public static string Backtest(string example)
    {
        string dir = TempDir();
        var (exit, _, err) = Run("backtest", Example(example), "--out", dir);
        Assert.True(exit == 0, $"baton backtest {example} failed ({exit}): {err}");
        return dir;
    }

    public static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "baton-report-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Where test artifacts (screenshots) go: artifacts/ at the repository's root.</summary>
    public static string Artifacts(string folder)
    {
        string dir = Path.Combine(RepoRoot, "artifacts", folder);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Baton.slnx"))) return d.FullName;
        throw new InvalidOperationException("Baton.slnx not found above " + AppContext.BaseDirectory);
    }
}
