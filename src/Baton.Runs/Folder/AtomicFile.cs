namespace Baton.Runs.Folder;

/// <summary>
/// A file written beside its destination under a temporary name and moved into place only by
/// <see cref="Commit"/>, so a reader never sees half a file. Disposing without committing deletes it.
/// </summary>
internal sealed class AtomicFile : IDisposable
{
    private readonly string _temp;
    private bool _committed;

    /// <param name="path">Where the file goes on <see cref="Commit"/>.</param>
    /// <param name="large">Written through a <see cref="BackgroundFileStream"/> (another thread, direct I/O where
    /// possible): for files of hundreds of megabytes, such as a long run's <c>equity.csv</c>.</param>
    public AtomicFile(string path, bool large = false)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _temp = Path + $".tmp-{Environment.ProcessId}";
        var encoding = new System.Text.UTF8Encoding(false);
        Writer = large
            ? new StreamWriter(new BackgroundFileStream(_temp), encoding, 1 << 16) { NewLine = "\n" }
            : new StreamWriter(_temp, append: false, encoding, 1 << 16) { NewLine = "\n" };
    }

    public string Path { get; }
    public StreamWriter Writer { get; }

    public void Commit()
    {
        Writer.Dispose();
        File.Move(_temp, Path, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        if (_committed) return;
        Writer.Dispose();
        File.Delete(_temp);
    }

    /// <summary>Writes <paramref name="write"/>'s output to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, Action<TextWriter> write)
    {
        using var file = new AtomicFile(path);
        write(file.Writer);
        file.Commit();
    }
}
