using System.Runtime.CompilerServices;

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
    private bool _skipping;
    private long _skipped;

    /// <summary>Bytes read so far.</summary>
    public long TotalBytes { get; private set; }

    /// <summary>Bytes of the last <see cref="LineKind.TooLong"/> line.</summary>
    public long SkippedBytes { get; private set; }

    /// <summary>Reads the next line; the returned bytes are valid until the next call.</summary>
    public async ValueTask<(LineKind Kind, ReadOnlyMemory<byte> Line)> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryReadLine(out var kind, out var line)) return (kind, line);
            if (!await FillAsync(cancellationToken).ConfigureAwait(false)) return (LineKind.Flood, default);
        }
    }

    /// <summary>The next line (or <see cref="LineKind.TooLong"/>, or <see cref="LineKind.End"/>) from what is buffered,
    /// without I/O; false when <see cref="FillAsync"/> must read more first. The bytes are valid until the next call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called once per line of a one-shot run: skip tier-0
    public bool TryReadLine(out LineKind kind, out ReadOnlyMemory<byte> line)
    {
        line = default;
        kind = LineKind.Line;
        var pending = _buffer.AsSpan(_start, _end - _start);
        int newline = pending.IndexOf((byte)'\n');
        if (!_skipping && newline < 0 && pending.Length > maxLineBytes)
        {
            _skipping = true;
            _skipped = 0;
        }
        if (_skipping)
        {
            if (newline < 0 && !_eof)
            {
                _skipped += pending.Length;
                _start = _end;
                return false;
            }
            SkippedBytes = _skipped + (newline >= 0 ? newline : pending.Length);
            _start = newline >= 0 ? _start + newline + 1 : _end;
            _skipping = false;
            kind = LineKind.TooLong;
            return true;
        }
        if (newline > maxLineBytes)
        {
            SkippedBytes = newline;
            _start += newline + 1;
            kind = LineKind.TooLong;
            return true;
        }
        if (newline >= 0)
        {
            line = TrimCarriageReturn(_buffer.AsMemory(_start, newline));
            _start += newline + 1;
            return true;
        }
        if (!_eof) return false;
        if (pending.IsEmpty) kind = LineKind.End;
        else line = TrimCarriageReturn(_buffer.AsMemory(_start, pending.Length));
        _start = _end;
        return true;
    }

    /// <summary>Moves what is left to the front and reads more; false when the total limit is passed.</summary>
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
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
