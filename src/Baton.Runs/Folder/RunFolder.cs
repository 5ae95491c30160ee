using System.Diagnostics;
using Baton.Engine.Data.Files;

namespace Baton.Runs.Folder;

/// <summary>
/// The folder a backtest's files go to, and how they get there. A run is written whole into a staging folder inside it
/// (<c>.baton-run-*</c>, so nothing lands outside the folder asked for); only when every file, the report included, is
/// written are they moved into place, each by a rename. A failed run removes its staging folder (and the folder itself
/// when the run created it and it is empty), so it leaves nothing behind and never replaces an earlier run's files.
/// A staging folder left by a process that was killed (its name holds the process id) is removed by the next run
/// into the same folder.
/// </summary>
public sealed class RunFolder : IDisposable
{
    /// <summary>Every file a run writes into its folder.</summary>
    public static readonly IReadOnlyList<string> FileNames =
        ["events.jsonl", "equity.csv", "metrics.json", "trades.csv", "orders.csv", "candles.csv", "manifest.json", "report.html"];

    private const string StagingPrefix = ".baton-run-";
    private readonly bool _created;
    private bool _published;

    private RunFolder(string target, bool created)
    {
        Target = target;
        _created = created;
        Staging = Path.Combine(target, $"{StagingPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Staging);
    }

    /// <summary>The folder asked for (full path).</summary>
    public string Target { get; }

    /// <summary>Where the run writes its files until <see cref="Publish"/>.</summary>
    public string Staging { get; }

    /// <summary>The longest name of one folder (Linux's NAME_MAX, in bytes).</summary>
    private const int MaxNameBytes = 255;

    /// <summary>Why <paramref name="folder"/> cannot take a run reading <paramref name="inputs"/> (its data file, its
    /// strategy file), or null when it can: it must be named, not the file system's root, not a file, and none of the
    /// run's files may be one of its inputs.</summary>
    public static string? Problem(string? folder, IEnumerable<string?> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (string.IsNullOrWhiteSpace(folder)) return "the output folder is empty; name a folder such as out/run1";
        string full;
        try
        {
            full = Path.GetFullPath(folder);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"the output folder \"{folder}\" is not a valid path: {e.Message}";
        }
        if (Path.GetPathRoot(full) == full) return $"the output folder \"{folder}\" is the file system's root; name a folder below it";
        // a name past the file system's limit (255 bytes on Linux) failed later with the runtime's message, echoing it whole
        if (full.Split(Path.DirectorySeparatorChar).FirstOrDefault(part => System.Text.Encoding.UTF8.GetByteCount(part) > MaxNameBytes) is { } tooLong)
            return $"the output folder \"{Baton.Engine.Data.Files.Excerpt.Of(folder)}\" has a name of {System.Text.Encoding.UTF8.GetByteCount(tooLong)} bytes; a folder name is at most {MaxNameBytes} bytes";
        if (File.Exists(full)) return $"the output folder \"{folder}\" is a file; name a folder";
        foreach (var input in inputs)
            if (!string.IsNullOrEmpty(input) && Overwrites(full, Path.GetFullPath(input)))
                return $"the run would overwrite its own input {input} (a run writes {string.Join(", ", FileNames)}); choose another output folder";
        return null;
    }

    /// <summary>Opens <paramref name="folder"/> for a run (creating it when needed) with an empty staging folder inside.
    /// Throws <see cref="InvalidOperationException"/> when <see cref="Problem"/> finds one.</summary>
    public static RunFolder Open(string folder, IEnumerable<string?> inputs)
    {
        if (Problem(folder, inputs) is { } problem) throw new InvalidOperationException(problem);
        string full = Path.GetFullPath(folder);
        bool created = !Directory.Exists(full);
        Directory.CreateDirectory(full);
        RemoveAbandoned(full);
        return new RunFolder(full, created);
    }

    /// <summary>Removes the staging folders in <paramref name="folder"/> whose process is no longer running.</summary>
    private static void RemoveAbandoned(string folder)
    {
        foreach (var dir in Directory.EnumerateDirectories(folder, StagingPrefix + "*"))
        {
            string rest = Path.GetFileName(dir)[StagingPrefix.Length..];
            int dash = rest.IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0 || !int.TryParse(rest.AsSpan(0, dash), out int pid) || IsRunning(pid)) continue;
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // another run removing it at the same time, or not ours to remove: the new run does not depend on it
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Moves every file of the staging folder into <see cref="Target"/> (replacing an earlier run's) and removes
    /// the staging folder.</summary>
    public void Publish()
    {
        foreach (var file in Directory.EnumerateFiles(Staging))
            File.Move(file, Path.Combine(Target, Path.GetFileName(file)), overwrite: true);
        Directory.Delete(Staging, recursive: true);
        _published = true;
    }

    /// <summary>Unless published: removes the staging folder, and the target too when this run created it and it is empty.</summary>
    public void Dispose()
    {
        if (_published) return;
        if (Directory.Exists(Staging)) Directory.Delete(Staging, recursive: true);
        if (_created && Directory.Exists(Target) && !Directory.EnumerateFileSystemEntries(Target).Any()) Directory.Delete(Target);
    }

    private static bool Overwrites(string folder, string input) =>
        string.Equals(Path.GetDirectoryName(input), folder.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal)
        && FileNames.Contains(Path.GetFileName(input), StringComparer.Ordinal);
}
