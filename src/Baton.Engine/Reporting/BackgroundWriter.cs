namespace Baton.Engine.Reporting;

/// <summary>
/// Buffers bytes for a stream and writes each full buffer on another thread while the caller fills the next
/// (two buffers, at most one write in flight), so a file written once per candle costs the loop a copy into
/// memory, not a system call. Bytes reach the stream in the order given. A failed write surfaces at the next
/// buffer switch or at <see cref="Complete"/>, which must be called before the stream is closed.
/// </summary>
public sealed class BackgroundWriter(Stream stream, int bufferSize = 1 << 20)
{
    private byte[] _current = new byte[bufferSize];
    private byte[] _spare = new byte[bufferSize];
    private int _length;
    private Task? _writing;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (_length + bytes.Length > _current.Length)
        {
            Switch();
            if (bytes.Length > _current.Length)
            {
                Wait();   // the buffer before these bytes is written first
                stream.Write(bytes);
                return;
            }
        }
        bytes.CopyTo(_current.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Writes what is buffered and waits for every write to finish.</summary>
    public void Complete()
    {
        Switch();
        Wait();
    }

    private void Switch()
    {
        Wait();
        if (_length == 0) return;
        var full = _current;
        int length = _length;
        _writing = Task.Run(() => stream.Write(full, 0, length));
        (_current, _spare) = (_spare, full);
        _length = 0;
    }

    private void Wait()
    {
        var writing = _writing;
        _writing = null;
        writing?.GetAwaiter().GetResult();
    }
}
