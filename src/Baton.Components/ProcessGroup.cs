using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Baton.Components;

/// <summary>
/// Each component runs in a process group of its own (on Linux, started through <c>setsid</c>, which makes the
/// program a session and group leader with the same pid, then execs it), so everything it starts — a background
/// <c>sleep 3000 &amp;</c>, a worker pool — can be killed with it by one signal to the group, even after the
/// component itself exited and its children were handed to init. Elsewhere the program starts as is and only the
/// process tree Baton can still see is killed.
/// </summary>
internal static partial class ProcessGroup
{
    private const int SigKill = 9;

    /// <summary>The <c>setsid</c> program, or null where components cannot be given a group of their own.</summary>
    public static string? Setsid { get; } = OperatingSystem.IsLinux()
        ? Array.Find(["/usr/bin/setsid", "/bin/setsid"], File.Exists)
        : null;

    /// <summary>The start info that runs <paramref name="info"/>'s program in a new session (the program resolved first,
    /// as <see cref="Process.Start()"/> would, so a missing program is still reported as one); null with the reason when
    /// the program is not found or not executable; <paramref name="info"/> itself where there is no <c>setsid</c>.</summary>
    public static ProcessStartInfo? Wrap(ProcessStartInfo info, out string? error)
    {
        error = null;
        if (Setsid is null) return info;
        string? program = Resolve(info.FileName, info.WorkingDirectory);
        if (program is null)
        {
            error = $"cannot start '{info.FileName}' in {info.WorkingDirectory}: no such program (searched PATH)";
            return null;
        }
        if (!IsExecutable(program))
        {
            error = $"cannot start '{info.FileName}' in {info.WorkingDirectory}: {program} is not executable";
            return null;
        }
        var arguments = info.ArgumentList.ToArray();
        info.FileName = Setsid;
        info.ArgumentList.Clear();
        info.ArgumentList.Add(program);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        return info;
    }

    /// <summary>Kills every process left in the group of <paramref name="leader"/> (a component started by
    /// <see cref="Wrap"/>), whether or not the leader itself is still running; quiet when none is left.</summary>
    public static void Kill(int leader)
    {
        if (Setsid is not null && leader > 1) _ = KillSignal(-leader, SigKill);
    }

    /// <summary>As <see cref="Process.Start()"/> finds a program: an absolute path as is; else beside Baton's own
    /// executable, then in the current directory, then (where the component runs) in its working directory; a bare
    /// name last on PATH.</summary>
    private static string? Resolve(string name, string workingDirectory)
    {
        if (Path.IsPathRooted(name)) return File.Exists(name) ? name : null;
        string?[] folders = [Path.GetDirectoryName(Environment.ProcessPath), Directory.GetCurrentDirectory(), workingDirectory];
        foreach (string? folder in folders)
        {
            if (string.IsNullOrEmpty(folder)) continue;
            string candidate = Path.Combine(folder, name);
            if (File.Exists(candidate) && (name.Contains('/', StringComparison.Ordinal) || folder != workingDirectory)) return Path.GetFullPath(candidate);
        }
        if (name.Contains('/', StringComparison.Ordinal)) return null;
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate) && IsExecutable(candidate)) return candidate;
        }
        return null;
    }

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int KillSignal(int pid, int signal);
}
