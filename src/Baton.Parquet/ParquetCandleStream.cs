using System.Runtime.CompilerServices;
using System.Text;
using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Data.Checks;
using Baton.Engine.Strategy;

namespace Baton.Parquet;

/// <summary>
/// One symbol's candles from a Parquet file, copied batch by batch from <see cref="ParquetBatchReader"/>'s
/// arrays into the caller's buffer. In a long-format file, rows of other symbols are skipped (whole row groups
/// when their statistics rule the symbol out). Every own row read is validated, also those outside the time
/// range, which are dropped; reading stops at the first own row past the range's end.
/// </summary>
internal sealed class ParquetCandleStream : ICandleStream
{
    private readonly ParquetBatchReader _reader;
    private readonly CandleValidator _validator;
    private readonly byte[]? _symbolUtf8;
    private readonly DataColumns _columns;
    private readonly long _from;
    private readonly long _to;
    private int _ownId = -1;
    private int _position;
    private bool _finished;

    public ParquetCandleStream(ParquetBatchReader reader, string symbol, TimeRange range, DataColumns columns)
    {
        _reader = reader;
        _columns = columns;
        Symbol = symbol;
        bool longFormat = reader.Layout.SymbolColumn >= 0;
        _validator = new CandleValidator(reader.Source, longFormat ? symbol : null);
        _symbolUtf8 = longFormat ? Encoding.UTF8.GetBytes(symbol) : null;
        _from = range.From ?? long.MinValue;
        _to = range.To ?? long.MaxValue;
    }

    public string Symbol { get; }

    public bool IsLongFormat => _symbolUtf8 is not null;

    public ValueTask<int> ReadAsync(Memory<Candle> buffer, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        return ValueTask.CompletedTask;
    }

    private int Read(Span<Candle> destination)
    {
        int written = 0;
        while (written < destination.Length && !_finished)
        {
            if (_position == _reader.Count)
            {
                if (!_reader.ReadBatch())
                {
                    Finish();
                    break;
                }
                _position = 0;
                if (_symbolUtf8 is not null && _ownId < 0) _ownId = _reader.Symbols.Find(_symbolUtf8);
            }
            written = Copy(destination, written);
        }
        return written;
    }

    private int Copy(Span<Candle> destination, int written) =>
        _symbolUtf8 is null ? CopyAll(destination, written) : CopyOwnRows(destination, written);

    /// <summary>A long-format file: this stream's rows among other symbols', row by row.</summary>
    private int CopyOwnRows(Span<Candle> destination, int written)
    {
        var r = _reader;
        long[] times = r.Times;
        double[] open = r.Opens, high = r.Highs, low = r.Lows, close = r.Closes, volume = r.Volumes;
        int[] ids = r.SymbolIds;
        int i = _position;
        for (; i < r.Count && written < destination.Length; i++)
        {
            if (ids[i] != _ownId) continue;
            var candle = new Candle(times[i], open[i], high[i], low[i], close[i], volume[i]);
            _validator.Validate(candle, r.FirstRow + i);
            if (candle.OpenTime < _from) continue;
            if (candle.OpenTime > _to)
            {
                _finished = true;
                break;
            }
            destination[written++] = candle;
        }
        _position = i;
        return written;
    }

    /// <summary>A file of one symbol: every row is this stream's. Checks the rows column by column, then builds the
    /// candles of those within the range. Compiled once, fully optimised, at its first call: called once per batch, it
    /// would otherwise keep ahead-of-time code that calls the candle's constructor (another assembly) for every row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int CopyAll(Span<Candle> destination, int written)
    {
        var r = _reader;
        int from = _position, n = Math.Min(r.Count - from, destination.Length - written);
        ReadOnlySpan<long> times = r.Times.AsSpan(from, n);
        ReadOnlySpan<double> open = r.Opens.AsSpan(from, n), high = r.Highs.AsSpan(from, n), low = r.Lows.AsSpan(from, n),
            close = r.Closes.AsSpan(from, n), volume = r.Volumes.AsSpan(from, n);
        int checkedRows = _validator.Validate(times, open, high, low, close, volume, r.FirstRow + from, _to);
        _position = from + checkedRows;
        int end = checkedRows;
        if (end > 0 && times[end - 1] > _to)
        {
            _finished = true;   // the first row past the range: it and every later row stay unread
            end--;
        }
        int start = 0;
        while (start < end && times[start] < _from) start++;   // rows are in time order once checked
        var into = destination.Slice(written, end - start);
        for (int k = 0; k < into.Length; k++)
        {
            int row = start + k;
            into[k] = new Candle(times[row], open[row], high[row], low[row], close[row], volume[row]);
        }
        return written + into.Length;
    }

    private void Finish()
    {
        _finished = true;
        if (_symbolUtf8 is null || _ownId >= 0 || _reader.SkippedForTime) return;
        string found = ListSymbols();
        throw new CandleDataException(_reader.Source, 0, "symbol", $"expected rows for symbol {Symbol}, found {found}");
    }

    /// <summary>Error path only: reads the whole file again to list the symbols it holds.</summary>
    private string ListSymbols()
    {
        using var all = ParquetBatchReader.Open(_reader.Source, _columns, TimeRange.All, null);
        while (all.ReadBatch())
        {
        }
        var names = all.Symbols.Names.Order(StringComparer.Ordinal).ToList();
        if (names.Count == 0) return "no rows at all";
        return "only " + string.Join(", ", names.Take(50)) + (names.Count > 50 ? ", ..." : "");
    }
}
