namespace Baton.Engine.Reporting;

/// <summary>
/// A file written beside its destination under a temporary name and moved into place only by
/// <see cref="Commit"/>, so a reader never sees half a file. Disposing without committing deletes it.
/// </summary>
public sealed class AtomicFile : IDisposable
{
    private readonly string _temp;
    private bool _committed;

    public AtomicFile(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _temp = Path + $".tmp-{Environment.ProcessId}";
        Writer = new StreamWriter(_temp, append: false, new System.Text.UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
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
