namespace Baton.Components;

/// <summary>What <see cref="BoundedLineReader.ReadAsync"/> found.</summary>
internal enum LineKind
{
    /// <summary>A whole line, without its <c>\n</c> (or <c>\r\n</c>).</summary>
    Line,
    /// <summary>A line longer than the limit: its bytes were skipped up to the next newline.</summary>
    TooLong,
    /// <summary>The stream ended.</summary>
    End,
    /// <summary>More bytes than the total limit arrived; nothing more is read.</summary>
    Flood,
}

/// <summary>
/// Splits a byte stream into lines without trusting it: a line is at most <c>maxLineBytes</c> (longer ones are
/// skipped and reported, never buffered whole) and the stream at most <c>maxTotalBytes</c>, so a component that
/// floods its output costs bounded memory. Bytes are not decoded here; invalid UTF-8 is the caller's to judge.
/// </summary>
internal sealed class BoundedLineReader(Stream stream, int maxLineBytes, long maxTotalBytes)
{
    private readonly byte[] _buffer = new byte[Math.Max(maxLineBytes + 1, 1 << 16)];
    private int _start;
    private int _end;
    private bool _eof;

    /// <summary>Bytes read so far.</summary>
    public long TotalBytes { get; private set; }

    /// <summary>Bytes of the last <see cref="LineKind.TooLong"/> line.</summary>
    public long SkippedBytes { get; private set; }

    /// <summary>Reads the next line; the returned bytes are valid until the next call.</summary>
    public async ValueTask<(LineKind Kind, ReadOnlyMemory<byte> Line)> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            int newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var line = _buffer.AsMemory(_start, newline);
                _start += newline + 1;
                return (LineKind.Line, TrimCarriageReturn(line));
            }
            if (_end - _start > maxLineBytes)
                return await SkipLongLineAsync(cancellationToken).ConfigureAwait(false);
            if (_eof)
            {
                if (_start == _end) return (LineKind.End, default);
                var last = _buffer.AsMemory(_start, _end - _start);
                _start = _end;
                return (LineKind.Line, TrimCarriageReturn(last));
            }
            if (!await FillAsync(cancellationToken).ConfigureAwait(false)) return (LineKind.Flood, default);
        }
    }

    private async ValueTask<(LineKind, ReadOnlyMemory<byte>)> SkipLongLineAsync(CancellationToken cancellationToken)
    {
        long skipped = 0;
        while (true)
        {
            int newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                SkippedBytes = skipped + newline;
                _start += newline + 1;
                return (LineKind.TooLong, default);
            }
            skipped += _end - _start;
            _start = _end;
            if (_eof)
            {
                SkippedBytes = skipped;
                return (LineKind.TooLong, default);
            }
            if (!await FillAsync(cancellationToken).ConfigureAwait(false)) return (LineKind.Flood, default);
        }
    }

    /// <summary>Moves what is left to the front and reads more; false when the total limit is passed.</summary>
    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        int n = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (n == 0)
        {
            _eof = true;
            return true;
        }
        _end += n;
        TotalBytes += n;
        return TotalBytes <= maxTotalBytes;
    }

    private static ReadOnlyMemory<byte> TrimCarriageReturn(ReadOnlyMemory<byte> line) =>
        line.Length > 0 && line.Span[^1] == (byte)'\r' ? line[..^1] : line;
}
