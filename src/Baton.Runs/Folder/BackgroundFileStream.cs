using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Baton.Runs.Folder;

/// <summary>
/// A write-only file for large outputs written once, front to back (<c>equity.csv</c> holds a line per candle:
/// 780 MB for 10 M candles). Bytes are gathered in 4 MiB blocks aligned to 2 MiB, and another thread writes each
/// full block at its offset while the caller fills the next, so the caller never waits for the disk unless all
/// four blocks are queued. On Linux the file is opened for direct I/O (<c>O_DIRECT</c>): blocks go from these
/// buffers to the disk without being copied into the page cache, which on a virtual machine costs about as much
/// CPU as everything else in a long backtest. The blocks ask for transparent huge pages (<c>madvise</c>), so the
/// kernel pins each one for the device in a few 2 MiB steps rather than 1,024 small ones. Where direct I/O is
/// refused (tmpfs, other systems, a failed write), the same blocks are written through the page cache. The last,
/// partial block is always written through the page cache. A write error on the writer thread is thrown by the next
/// <see cref="Write(ReadOnlySpan{byte})"/> or by <see cref="Dispose(bool)"/>; <see cref="Flush"/> does nothing, the
/// data is complete when the stream is disposed.
/// </summary>
internal sealed unsafe partial class BackgroundFileStream : Stream
{
    private const int BlockSize = 1 << 22;
    private const int Alignment = 1 << 21;
    private const int Blocks = 4;

    private readonly SafeFileHandle _handle;
    private readonly BlockingCollection<(nint Block, int Length, long Offset)> _queue = new(Blocks);
    private readonly BlockingCollection<nint> _free = new(Blocks);
    private readonly Thread _writer;
    private nint _current;
    private int _used;
    private long _offset;
    private bool _direct;
    private volatile Exception? _failure;
    private bool _disposed;

    public BackgroundFileStream(string path)
    {
        _handle = File.OpenHandle(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        _direct = TrySetDirect(_handle, true);
        for (int i = 0; i < Blocks; i++) _free.Add(AllocateBlock());
        _current = _free.Take();
        _writer = new Thread(WriteBlocks) { IsBackground = true, Name = "Baton file writer" };
        _writer.Start();
    }

    /// <summary>True while blocks bypass the page cache.</summary>
    public bool IsDirect => _direct;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => !_disposed;
    public override long Length => _offset + _used;
    public override long Position { get => Length; set => throw new NotSupportedException(); }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (!buffer.IsEmpty)
        {
            int n = Math.Min(buffer.Length, BlockSize - _used);
            buffer[..n].CopyTo(new Span<byte>((byte*)_current + _used, n));
            _used += n;
            buffer = buffer[n..];
            if (_used == BlockSize) Hand();
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (_disposed || !disposing)
        {
            base.Dispose(disposing);
            return;
        }
        _disposed = true;
        try
        {
            _queue.CompleteAdding();
            _writer.Join();
            if (_failure is null && _used > 0)
            {
                // The tail is not a whole number of aligned blocks: through the page cache.
                if (_direct) TrySetDirect(_handle, false);
                RandomAccess.Write(_handle, new ReadOnlySpan<byte>((byte*)_current, _used), _offset);
            }
        }
        finally
        {
            _handle.Dispose();
            NativeMemory.AlignedFree((void*)_current);
            while (_free.TryTake(out nint block)) NativeMemory.AlignedFree((void*)block);
            _queue.Dispose();
            _free.Dispose();
            base.Dispose(disposing);
        }
        ThrowIfFailed();
    }

    private void ThrowIfFailed()
    {
        if (_failure is { } failure) throw new IOException($"could not write the file: {failure.Message}", failure);
    }

    private void Hand()
    {
        ThrowIfFailed();
        _queue.Add((_current, _used, _offset));
        _offset += _used;
        _used = 0;
        _current = _free.Take();
    }

    private void WriteBlocks()
    {
        foreach (var (block, length, offset) in _queue.GetConsumingEnumerable())
        {
            try
            {
                if (_failure is null) WriteBlock(new ReadOnlySpan<byte>((byte*)block, length), offset);
            }
            catch (Exception e)
            {
                _failure = e;   // thrown on the caller's thread by the next Write or by Dispose
            }
            _free.Add(block);
        }
    }

    private void WriteBlock(ReadOnlySpan<byte> block, long offset)
    {
        try
        {
            RandomAccess.Write(_handle, block, offset);
        }
        catch (IOException) when (_direct)
        {
            // Some file systems accept O_DIRECT at open and refuse the writes: carry on through the page cache.
            _direct = false;
            TrySetDirect(_handle, false);
            RandomAccess.Write(_handle, block, offset);
        }
    }

    /// <summary>Turns direct I/O on or off for an open file; false where that is not possible.</summary>
    private static bool TrySetDirect(SafeFileHandle handle, bool on)
    {
        if (!OperatingSystem.IsLinux()) return false;
        int flag = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 or Architecture.X86 => 0x4000,
            Architecture.Arm64 or Architecture.Arm => 0x10000,
            _ => 0,
        };
        if (flag == 0) return false;
        int fd = (int)handle.DangerousGetHandle();
        int flags = Fcntl(fd, GetFlags, 0);
        if (flags < 0) return false;
        return Fcntl(fd, SetFlags, on ? flags | flag : flags & ~flag) == 0;
    }

    private static nint AllocateBlock()
    {
        nint block = (nint)NativeMemory.AlignedAlloc(BlockSize, Alignment);
        // Huge pages, where the system lends them on request: the kernel then pins a block for direct I/O in a
        // few steps instead of one per 4 KiB page. Only a hint; a refusal changes nothing else.
        _ = OperatingSystem.IsLinux() && Madvise(block, BlockSize, 14) == 0;   // MADV_HUGEPAGE
        return block;
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nint length, int advice);

    private const int GetFlags = 3;
    private const int SetFlags = 4;

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);
}
