using System.Runtime.CompilerServices;
using Baton.Engine.Data.Files;

namespace Baton.Engine.Data.Csv;

/// <summary>
/// Reads a file as UTF-8 lines through one reused byte buffer: <see cref="TryReadLine"/> hands out lines
/// already in the buffer (synchronously, no allocation), <see cref="FillAsync"/> reads more when it runs
/// dry. Lines end at <c>\n</c>, a trailing <c>\r</c> is dropped, the last line may lack a break, and a
/// leading UTF-8 byte-order mark is skipped. The buffer grows for lines longer than it, up to 64 MiB.
/// </summary>
internal sealed class CsvLineReader : IAsyncDisposable
{
    private const int InitialBufferSize = 1 << 18;
    private const int MaxBufferSize = 1 << 26;

    private readonly FileStream _file;
    private readonly string _source;
    private byte[] _buffer = new byte[InitialBufferSize];
    private int _start;
    private int _end;
    private bool _endOfFile;
    private bool _startChecked;

    private CsvLineReader(FileStream file, string source)
    {
        _file = file;
        _source = source;
    }

    /// <summary>1-based number of the line last returned by <see cref="TryReadLine"/>; 0 before the first.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Fraction of the file's bytes handed out as lines so far, 0 to 1 (1 for an empty file).</summary>
    public double Progress => _file.Length == 0 ? 1 : (double)(_file.Position - (_end - _start)) / _file.Length;

    /// <summary>True when the file is exhausted and every line has been returned.</summary>
    public bool IsAtEnd => _endOfFile && _start == _end;

    /// <summary>Opens <paramref name="path"/>; a missing file or folder throws <see cref="CandleDataException"/>
    /// naming the full path.</summary>
    public static CsvLineReader Open(string path, string source)
    {
        if (InputFile.Problem(path) is { } problem)
        {
            throw new CandleDataException(source, 0, "file", problem == "file not found"
                ? $"expected a CSV file at {Path.GetFullPath(path)}, but there is none" : $"expected a CSV file: {path} {problem}");
        }
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        return new CsvLineReader(file, source);
    }

    /// <summary>The next complete line in the buffer, without its line break; false when the buffer holds no
    /// complete line (call <see cref="FillAsync"/>) or the file is done (<see cref="IsAtEnd"/>).</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        var rest = _buffer.AsSpan(_start, _end - _start);
        int newline = rest.IndexOf((byte)'\n');
        if (newline >= 0)
        {
            line = rest[..newline];
            _start += newline + 1;
        }
        else if (_endOfFile && !rest.IsEmpty)
        {
            line = rest;
            _start = _end;
        }
        else
        {
            line = default;
            return false;
        }
        if (!line.IsEmpty && line[^1] == (byte)'\r') line = line[..^1];
        LineNumber++;
        return true;
    }

    /// <summary>Reads more of the file into the buffer; false when the file was already exhausted.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_endOfFile) return false;
        Compact();
        int read = await _file.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0) _endOfFile = true;
        _end += read;
        if (!_startChecked && (_end >= 3 || _endOfFile)) SkipByteOrderMark();
        return true;
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();

    private void Compact()
    {
        int remaining = _end - _start;
        if (remaining == _buffer.Length)
        {
            if (_buffer.Length >= MaxBufferSize)
            {
                throw new CandleDataException(_source, LineNumber + 1, "line",
                    $"expected a line break within {MaxBufferSize >> 20} MiB, got none");
            }
            var larger = new byte[_buffer.Length * 2];
            _buffer.AsSpan(_start, remaining).CopyTo(larger);
            _buffer = larger;
        }
        else if (_start > 0)
        {
            _buffer.AsSpan(_start, remaining).CopyTo(_buffer);
        }
        _start = 0;
        _end = remaining;
    }

    private void SkipByteOrderMark()
    {
        _startChecked = true;
        if (_buffer.AsSpan(0, _end).StartsWith("\uFEFF"u8)) _start = 3;
    }
}
