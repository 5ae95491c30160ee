using System.Runtime.CompilerServices;
using Baton.Engine.Data;
using Baton.Engine.Data.Files;
using Baton.Engine.Strategy;
using ParquetSharp;

namespace Baton.Parquet;

/// <summary>
/// Reads a Parquet candle file row group by row group, in batches of <see cref="BatchSize"/> rows into arrays
/// it reuses: times (Unix ms), the five numbers, and symbol ids. Row groups whose statistics show they hold
/// no candle in the time range, or not the wanted symbol, are skipped unread. Column readers may return
/// fewer values than asked (they stop at page ends), so every column is read in a loop until the batch is
/// full. Nulls, and epochs outside years 1 to 9999, throw <see cref="CandleDataException"/> naming the row
/// (1-based over the whole file) and the field.
/// </summary>
internal sealed class ParquetBatchReader : IDisposable
{
    public const int BatchSize = 8192;

    private readonly ParquetFileReader _file;
    private readonly ParquetGroupFilter _filter;
    private readonly short[][] _levels = [.. Enumerable.Range(0, 7).Select(_ => new short[BatchSize])];
    private readonly ByteArray[] _symbolScratch;
    private readonly NumberColumns _numbers = new(BatchSize);
    private readonly int _groupCount;
    private int[]? _days;
    private RowGroupReader? _group;
    private ColumnReader[] _readers = [];
    private int _groupIndex = -1;
    private long _groupRows, _groupRead, _groupStartRow, _nextGroupStartRow;

    private ParquetBatchReader(ParquetFileReader file, string source, ParquetLayout layout, ParquetGroupFilter filter)
    {
        _file = file;
        Source = source;
        Layout = layout;
        _filter = filter;
        _groupCount = file.FileMetaData.NumRowGroups;
        TotalRows = file.FileMetaData.NumRows;
        _symbolScratch = layout.SymbolColumn >= 0 ? new ByteArray[BatchSize] : [];
    }

    public string Source { get; }
    public ParquetLayout Layout { get; }
    public long TotalRows { get; }
    public SymbolTable Symbols { get; } = new();

    /// <summary>Open times (Unix ms) of the current batch.</summary>
    public long[] Times { get; } = new long[BatchSize];
    public double[] Opens => _numbers.Values[0];
    public double[] Highs => _numbers.Values[1];
    public double[] Lows => _numbers.Values[2];
    public double[] Closes => _numbers.Values[3];
    public double[] Volumes => _numbers.Values[4];
    /// <summary>Symbol ids (into <see cref="Symbols"/>) of the current batch; all 0 without a symbol column.</summary>
    public int[] SymbolIds { get; } = new int[BatchSize];
    /// <summary>Rows in the current batch.</summary>
    public int Count { get; private set; }
    /// <summary>1-based file row of the first row of the current batch.</summary>
    public long FirstRow { get; private set; }
    /// <summary>Rows read or skipped so far.</summary>
    public long RowsPassed => _groupStartRow + _groupRead;
    /// <summary>True when some row group was skipped only for its time range although it may hold the symbol.</summary>
    public bool SkippedForTime { get; private set; }

    /// <summary>Opens <paramref name="path"/> and maps its columns; throws <see cref="CandleDataException"/> for a
    /// missing file, a file that is not Parquet, or a missing or mistyped column.</summary>
    public static ParquetBatchReader Open(string path, DataColumns names, TimeRange range, string? symbol)
    {
        if (InputFile.Problem(path) is { } problem)
        {
            throw new CandleDataException(path, 0, "file", problem == "file not found"
                ? $"expected a Parquet file at {Path.GetFullPath(path)}, but there is none" : $"expected a Parquet file: {path} {problem}");
        }
        ParquetFileReader? file = null;
        try
        {
            file = new ParquetFileReader(path);
            var layout = ParquetLayout.Read(path, file.FileMetaData.Schema, names);
            var filter = new ParquetGroupFilter(layout, range, symbol);
            var reader = new ParquetBatchReader(file, path, layout, filter);
            file = null;
            return reader;
        }
        catch (ParquetException e)
        {
            throw new CandleDataException(path, 0, "file", "expected a Parquet file: " + e.Message);
        }
        finally
        {
            file?.Dispose();
        }
    }

    /// <summary>Reads the next batch; false at the end of the file.</summary>
    public bool ReadBatch()
    {
        try
        {
            while (_group is null || _groupRead == _groupRows)
            {
                if (!NextGroup()) return false;
            }
            int count = (int)Math.Min(BatchSize, _groupRows - _groupRead);
            FirstRow = _groupStartRow + _groupRead + 1;
            // Columns decode independently (each reader has its own pages and decompressor): the last three numbers
            // on another thread while this one reads the first three. When both sides fail, the error of the earlier
            // field is the one reported, as if the columns were read in order.
            var others = Task.Run(() => ReadNumbers(3, 5, count));
            try
            {
                ReadTimes(count);
                ReadNumbers(1, 2, count);
            }
            catch
            {
                WaitQuietly(others);
                throw;
            }
            others.GetAwaiter().GetResult();
            if (Layout.SymbolColumn >= 0) ReadSymbols(count);
            _groupRead += count;
            Count = count;
            return true;
        }
        catch (ParquetException e)
        {
            throw new CandleDataException(Source, FirstRow, "file", "could not read the Parquet file: " + e.Message);
        }
    }

    /// <summary>Waits for a read whose error, if any, comes after the one being thrown.</summary>
    private static void WaitQuietly(Task read)
    {
        try
        {
            read.Wait();
        }
        catch (AggregateException)
        {
            // An error in a later field; the earlier field's error is the one reported.
        }
    }

    private void ReadNumbers(int firstField, int lastField, int count)
    {
        for (int f = firstField; f <= lastField; f++) _numbers.Read(_readers[f], f - 1, count, this);
    }

    public void Dispose()
    {
        CloseGroup();
        _file.Dispose();
    }

    private bool NextGroup()
    {
        CloseGroup();
        while (++_groupIndex < _groupCount)
        {
            _groupStartRow = _nextGroupStartRow;
            var group = _file.RowGroup(_groupIndex);
            _nextGroupStartRow += group.MetaData.NumRows;
            var verdict = _filter.Check(group.MetaData);
            if (verdict == GroupVerdict.Read)
            {
                OpenGroup(group);
                return true;
            }
            if (verdict == GroupVerdict.OutsideTime) SkippedForTime = true;
            group.Dispose();
        }
        _groupStartRow = _nextGroupStartRow;
        return false;
    }

    private void OpenGroup(RowGroupReader group)
    {
        _group = group;
        _groupRows = group.MetaData.NumRows;
        _groupRead = 0;
        int count = Layout.SymbolColumn >= 0 ? 7 : 6;
        _readers = new ColumnReader[count];
        for (int f = 0; f < 6; f++) _readers[f] = group.Column(Layout.Columns[f]);
        if (count == 7) _readers[6] = group.Column(Layout.SymbolColumn);
    }

    private void CloseGroup()
    {
        foreach (var reader in _readers) reader.Dispose();
        _readers = [];
        _group?.Dispose();
        _group = null;
    }

    private void ReadTimes(int count)
    {
        var times = Times.AsSpan(0, count);
        if (Layout.TimeKind == TimeKind.Days)
        {
            var days = (_days ??= new int[BatchSize]).AsSpan(0, count);
            ReadExactly((ColumnReader<int>)_readers[0], days, 0);
            for (int i = 0; i < count; i++) times[i] = days[i] * 86_400_000L;
            return;
        }
        ReadExactly((ColumnReader<long>)_readers[0], times, 0);
        switch (Layout.TimeKind)
        {
            case TimeKind.Micros:
                for (int i = 0; i < count; i++) times[i] = Math.DivRem(times[i], 1000L).Quotient - (times[i] % 1000 < 0 ? 1 : 0);
                break;
            case TimeKind.Nanos:
                for (int i = 0; i < count; i++) times[i] = Math.DivRem(times[i], 1_000_000L).Quotient - (times[i] % 1_000_000 < 0 ? 1 : 0);
                break;
            case TimeKind.Epoch:
                for (int i = 0; i < count; i++)
                {
                    long raw = times[i];
                    if (!CandleTimestamp.TryFromEpoch(raw, out times[i])) ThrowBadEpoch(i, raw);
                }
                break;
        }
    }

    private void ReadSymbols(int count)
    {
        var reader = (ColumnReader<ByteArray>)_readers[6];
        int done = 0;
        while (done < count)
        {
            // Values point into the current page, which the next ReadBatch may free: map them to ids at once.
            int levels = ReadChunk(reader, _symbolScratch.AsSpan(done, count - done), done, 6);
            for (int i = done; i < done + levels; i++) SymbolIds[i] = Symbols.IdOf(Bytes(_symbolScratch[i]));
            done += levels;
        }
    }

    /// <summary>Fills <paramref name="values"/> completely, looping over short reads.</summary>
    internal void ReadExactly<T>(ColumnReader<T> reader, Span<T> values, int field) where T : unmanaged
    {
        int done = 0;
        while (done < values.Length) done += ReadChunk(reader, values[done..], done, field);
    }

    private int ReadChunk<T>(ColumnReader<T> reader, Span<T> values, int offset, int field) where T : unmanaged
    {
        long levels = reader.ReadBatch(values.Length, _levels[field].AsSpan(offset, values.Length), default, values, out long read);
        if (levels == 0)
            throw new CandleDataException(Source, FirstRow + offset, FieldName(field), "expected a value, got the end of the column chunk");
        if (read < levels) ThrowNull(offset, (int)levels, field);
        return (int)levels;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowNull(int offset, int levels, int field)
    {
        int at = offset;
        short max = _file.FileMetaData.Schema.Column(_readers[field].ColumnIndex).MaxDefinitionLevel;
        for (int i = offset; i < offset + levels; i++)
        {
            if (_levels[field][i] < max)
            {
                at = i;
                break;
            }
        }
        throw new CandleDataException(Source, FirstRow + at, FieldName(field), "expected a value, got null");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowBadEpoch(int index, long raw) =>
        throw new CandleDataException(Source, FirstRow + index, "timestamp",
            $"expected an epoch in s, ms, µs or ns within years 1 to 9999, got {raw.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    private static string FieldName(int field) => field == 6 ? "symbol" : ParquetLayout.FieldName(field);

    private static unsafe ReadOnlySpan<byte> Bytes(ByteArray value) => new((void*)value.Pointer, value.Length);
}
