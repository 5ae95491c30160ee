using System.Diagnostics;

namespace Baton.Cli.Tests;

/// <summary>Runs the real <c>baton</c> executable (built beside the tests) as a new user would.</summary>
internal static class BatonProcess
{
    public static string RepoRoot { get; } = FindRoot();

    public static (int Exit, string Out, string Err) Run(IDictionary<string, string>? env, params string[] args) =>
        RunIn(RepoRoot, env, args);

    /// <summary>Runs baton in <paramref name="workingDirectory"/>.</summary>
    public static (int Exit, string Out, string Err) RunIn(string workingDirectory, IDictionary<string, string>? env, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "baton.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) info.Environment[k] = v;
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) { p.Kill(true); throw new TimeoutException("baton " + string.Join(' ', args)); }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    public static (int Exit, string Out, string Err) Run(params string[] args) => Run(null, args);

    public static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "baton-tests", Guid.NewGuid().ToString("N"));
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
