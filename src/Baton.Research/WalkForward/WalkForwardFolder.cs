using System.Globalization;
using Baton.Research.Parameters;
using Baton.Research.Sweeps;
using Baton.Runs.Folder;

namespace Baton.Research.WalkForward;

/// <summary>The folder of <c>baton walkforward --out DIR</c>: <c>manifest.json</c> (the sweep's manifest with kind
/// <c>walkforward</c>), <c>walkforward.json</c> at the end, and each window's training sweep as a sweep folder
/// <c>windows/NN/</c> (<see cref="SweepFolder"/>: its manifest's from/to are the training range), so an interrupted
/// walk-forward resumes window by window.</summary>
public static class WalkForwardFolder
{
    /// <summary>Creates <paramref name="dir"/> with <paramref name="manifest"/>, or reopens it when it holds the same
    /// walk-forward; gives its full path. Throws <see cref="SweepInputException"/> naming the first field that differs.</summary>
    public static string Open(string dir, SweepManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        string full = Path.GetFullPath(dir);
        Directory.CreateDirectory(full);
        string path = Path.Combine(full, SweepManifest.FileName);
        if (!File.Exists(path)) AtomicFile.Write(path, w => w.Write(manifest.ToJson()));
        else if (manifest.FirstDifference(File.ReadAllText(path)) is { } field)
            throw new SweepInputException($"--out {dir}: holds another sweep or walk-forward (its {SweepManifest.FileName} differs in \"{field}\"); "
                + "name another folder, or remove this one to start again");
        return full;
    }

    /// <summary><c>DIR/windows/NN</c> of a window (two digits at least).</summary>
    public static string WindowPath(string dir, WalkForwardWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        return Path.Combine(dir, "windows", window.Index.ToString("D2", CultureInfo.InvariantCulture));
    }
}
