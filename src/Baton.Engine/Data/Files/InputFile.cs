using System.Runtime.InteropServices;
using System.Text;

namespace Baton.Engine.Data.Files;

/// <summary>
/// The one check of a file a user names as input (a strategy, a data file, a journal to replay): only a regular
/// file is read. The empty path, a missing file, a folder, a named pipe (FIFO: opening it blocks until a writer
/// comes, and a read never ends), a device (<c>/dev/zero</c> reports size 0 and never ends) and a socket are refused
/// before anything opens them, as is a file larger than the caller's limit. The file's type comes from
/// <c>stat</c> (following links), so nothing is opened to find out.
/// </summary>
public static partial class InputFile
{
    /// <summary>What is wrong with reading <paramref name="path"/> as an input file, as a phrase to follow the path
    /// (<c>"is a folder; expected a file"</c>), or null when it is a regular file within <paramref name="maxBytes"/>.</summary>
    public static string? Problem(string? path, long maxBytes = long.MaxValue)
    {
        if (string.IsNullOrWhiteSpace(path)) return "expected a file path, got an empty one";
        if (path.Contains('\0', StringComparison.Ordinal)) return "expected a file path, got one with a NUL character";
        if (Directory.Exists(path)) return "is a folder; expected a file";
        var kind = KindOf(path);
        if (kind != FileKind.Regular) return Describe(kind);
        long size = new FileInfo(path).Length;
        if (size > maxBytes) return $"is {Size(size)}; the limit is {Size(maxBytes)}";
        return null;
    }

    /// <summary>What is wrong with writing a file to <paramref name="path"/> (written beside it, then renamed over it),
    /// as a phrase to follow the path, or null when it is missing or a regular file. A folder, a named pipe, a device
    /// (<c>/dev/null</c>, <c>/dev/full</c>) or a socket there is refused: the rename would replace it with a file.</summary>
    public static string? OutputProblem(string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return "expected a file path, got an empty one";
        if (path.Contains('\0', StringComparison.Ordinal)) return "expected a file path, got one with a NUL character";
        if (path.EndsWith(Path.DirectorySeparatorChar) || path.EndsWith(Path.AltDirectorySeparatorChar) || Directory.Exists(path))
            return "is a folder; expected a file to write";
        return KindOf(path) switch
        {
            FileKind.Missing or FileKind.Regular => null,
            FileKind.Pipe => "is a named pipe (FIFO); only a regular file is written over",
            FileKind.Device => "is a device; only a regular file is written over",
            FileKind.Socket => "is a socket; only a regular file is written over",
            _ => "is not a regular file; only a regular file is written over",
        };
    }

    /// <summary>Opens <paramref name="path"/> for reading after <see cref="Problem"/> found nothing wrong; otherwise
    /// throws <see cref="InputFileException"/>.</summary>
    public static FileStream OpenRead(string path, FileOptions options = FileOptions.None, long maxBytes = long.MaxValue)
    {
        if (Problem(path, maxBytes) is { } problem) throw new InputFileException(path, problem);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, options);
    }

    /// <summary>Reads a whole text file of at most <paramref name="maxBytes"/> bytes as strict UTF-8 (a leading byte
    /// order mark is skipped); invalid UTF-8 throws <see cref="InputFileException"/> naming its line and byte.</summary>
    public static string ReadUtf8(string path, long maxBytes)
    {
        if (Problem(path, maxBytes) is { } problem) throw new InputFileException(path, problem);
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length > maxBytes) throw new InputFileException(path, $"is over the limit of {Size(maxBytes)}");
        return DecodeUtf8(bytes, path);
    }

    /// <summary>Strict UTF-8 to text; throws <see cref="InputFileException"/> at the first invalid byte, naming it
    /// by 1-based line and byte within the line, and by byte offset in the file.</summary>
    public static string DecodeUtf8(ReadOnlySpan<byte> bytes, string source)
    {
        int start = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes[start..], new char[bytes.Length - start], out int read, out int written,
            replaceInvalidSequences: false);
        if (status == System.Buffers.OperationStatus.Done) return Encoding.UTF8.GetString(bytes[start..]);
        int offset = start + read;
        var before = bytes[..offset];
        int line = before.Count((byte)'\n') + 1;
        int column = offset - (before.LastIndexOf((byte)'\n') + 1) + 1;
        throw new InputFileException(source,
            $"invalid UTF-8 byte 0x{bytes[offset]:X2} (line {line}, byte {column} of the line, offset {offset} of the file); expected UTF-8 text",
            line, column);
    }

    /// <summary>A byte count for messages: <c>12 bytes</c>, <c>340 KiB</c>, <c>10 MiB</c>.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => $"{bytes / 1024} KiB",
        _ => $"{bytes / (1024 * 1024)} MiB",
    };

    private enum FileKind { Missing, Regular, Folder, Pipe, Device, Socket, Other }

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.Missing => "file not found",
        FileKind.Folder => "is a folder; expected a file",
        FileKind.Pipe => "is a named pipe (FIFO); only regular files are read, since a pipe can block forever",
        FileKind.Device => "is a device; only regular files are read",
        FileKind.Socket => "is a socket; only regular files are read",
        _ => "is not a regular file; only regular files are read",
    };

    private static unsafe FileKind KindOf(string path)
    {
        if (OperatingSystem.IsWindows()) return File.Exists(path) ? FileKind.Regular : FileKind.Missing;
        // The runtime's own stat shim (libSystem.Native, shipped with every .NET on Unix): its FileStatus starts with
        // Flags and Mode (int32 each), Mode holding the S_IF* type bits. 512 bytes hold the whole struct.
        byte* status = stackalloc byte[512];
        if (Stat(path, status) != 0) return File.Exists(path) ? FileKind.Other : FileKind.Missing;
        int type = ((int*)status)[1] & 0xF000;
        return type switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Folder,
            0x1000 => FileKind.Pipe,
            0x2000 or 0x6000 => FileKind.Device,
            0xC000 => FileKind.Socket,
            _ => FileKind.Other,
        };
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Stat(string path, byte* status);
}

/// <summary>A file named as input that cannot be read as one (see <see cref="InputFile"/>): the message is
/// <c>PATH: PROBLEM</c>, or <c>PATH:LINE:COLUMN: PROBLEM</c> when it is about one place (<see cref="Line"/> &gt; 0).</summary>
public sealed class InputFileException(string path, string problem, int line = 0, int column = 0)
    : Exception(line > 0 ? $"{Excerpt.Of(path)}:{line}:{column}: {problem}" : $"{Excerpt.Of(path)}: {problem}")
{
    public string FilePath { get; } = path;
    public string Problem { get; } = problem;
    /// <summary>1-based line of the problem, 0 when it is about the whole file.</summary>
    public int Line { get; } = line;
    /// <summary>1-based byte within <see cref="Line"/>.</summary>
    public int Column { get; } = column;
}
