using System.Runtime.CompilerServices;
using System.Text;
using Baton.Core.Market;

namespace Baton.Engine.Data;

/// <summary>
/// One symbol's candles from a CSV file, parsed line by line from a reused byte buffer straight into the
/// caller's candle buffer. With a symbol column, rows of other symbols are skipped after checking only
/// their column count; every own row is validated (also those outside the time range, which are then
/// dropped), and reading stops at the first row past the range's end.
/// </summary>
internal sealed class CsvCandleStream : ICandleStream
{
    private readonly CsvLineReader _reader;
    private readonly string _source;
    private readonly CsvLayout _layout;
    private readonly CandleValidator _validator;
    private readonly byte[]? _symbolUtf8;
    private readonly SymbolsSeen _others = new();
    private readonly int[] _fieldStart;
    private readonly int[] _fieldLength;
    private readonly int _timeColumn, _openColumn, _highColumn, _lowColumn, _closeColumn, _volumeColumn;
    private readonly long _from;
    private readonly long _to;
    private bool _symbolSeen;
    private bool _finished;

    private CsvCandleStream(CsvLineReader reader, string source, CsvLayout layout, string symbol, TimeRange range)
    {
        _reader = reader;
        _source = source;
        _layout = layout;
        Symbol = symbol;
        bool longFormat = layout.SymbolColumn >= 0;
        _validator = new CandleValidator(source, longFormat ? symbol : null);
        _symbolUtf8 = longFormat ? Encoding.UTF8.GetBytes(symbol) : null;
        _fieldStart = new int[layout.ColumnCount];
        _fieldLength = new int[layout.ColumnCount];
        int[] of = layout.ColumnOf;
        (_timeColumn, _openColumn, _highColumn) = (of[(int)CsvColumn.Timestamp], of[(int)CsvColumn.Open], of[(int)CsvColumn.High]);
        (_lowColumn, _closeColumn, _volumeColumn) = (of[(int)CsvColumn.Low], of[(int)CsvColumn.Close], of[(int)CsvColumn.Volume]);
        _from = range.From ?? long.MinValue;
        _to = range.To ?? long.MaxValue;
    }

    private enum LineResult
    {
        Skipped,
        Candle,
        PastRange,
    }

    public string Symbol { get; }

    /// <summary>True when the file has a symbol column.</summary>
    public bool IsLongFormat => _symbolUtf8 is not null;

    /// <summary>The file's columns, for messages.</summary>
    public string ColumnList => _layout.NameList;

    /// <summary>Opens <paramref name="path"/> and reads its header; throws <see cref="CandleDataException"/> for a
    /// missing file, an empty file or a bad header.</summary>
    public static async ValueTask<CsvCandleStream> OpenAsync(string path, string source, string symbol, TimeRange range,
        CancellationToken cancellationToken)
    {
        var reader = CsvLineReader.Open(path, source);
        try
        {
            CsvLayout? layout;
            while (!TryReadHeader(reader, source, out layout))
            {
                if (!await reader.FillAsync(cancellationToken).ConfigureAwait(false) || reader.IsAtEnd)
                {
                    throw new CandleDataException(source, 1, "header",
                        "expected a header line like timestamp,open,high,low,close,volume, got an empty file");
                }
            }
            return new CsvCandleStream(reader, source, layout!, symbol, range);
        }
        catch
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> ReadAsync(Memory<Candle> buffer, CancellationToken cancellationToken)
    {
        int written = 0;
        while (!_finished)
        {
            written = ParseLines(buffer.Span, written);
            if (written == buffer.Length || _finished) break;
            if (_reader.IsAtEnd)
            {
                Finish();
                break;
            }
            cancellationToken.ThrowIfCancellationRequested();
            await _reader.FillAsync(cancellationToken).ConfigureAwait(false);
        }
        return written;
    }

    public ValueTask DisposeAsync() => _reader.DisposeAsync();

    private static bool TryReadHeader(CsvLineReader reader, string source, out CsvLayout? layout)
    {
        layout = null;
        if (!reader.TryReadLine(out var line)) return false;
        if (CsvFields.Trim(line).IsEmpty)
        {
            throw new CandleDataException(source, 1, "header",
                "expected a header line like timestamp,open,high,low,close,volume, got an empty line");
        }
        layout = CsvLayout.Parse(source, line);
        return true;
    }

    private int ParseLines(Span<Candle> destination, int written)
    {
        while (written < destination.Length && _reader.TryReadLine(out var line))
        {
            var result = ParseLine(line, out destination[written]);
            if (result == LineResult.Candle) written++;
            else if (result == LineResult.PastRange)
            {
                _finished = true;
                break;
            }
        }
        return written;
    }

    private LineResult ParseLine(ReadOnlySpan<byte> line, out Candle candle)
    {
        candle = default;
        if (line.IsEmpty || (line[0] is (byte)' ' or (byte)'\t' && CsvFields.Trim(line).IsEmpty)) return LineResult.Skipped;
        SplitFields(line);
        if (_symbolUtf8 is not null && !IsOwnRow(line)) return LineResult.Skipped;
        long row = _reader.LineNumber;
        candle = new Candle(ParseTime(line), ParseNumber(line, _openColumn), ParseNumber(line, _highColumn),
            ParseNumber(line, _lowColumn), ParseNumber(line, _closeColumn), ParseNumber(line, _volumeColumn));
        _validator.Validate(candle, row);
        if (candle.OpenTime < _from) return LineResult.Skipped;
        return candle.OpenTime > _to ? LineResult.PastRange : LineResult.Candle;
    }

    private void SplitFields(ReadOnlySpan<byte> line)
    {
        int last = _fieldStart.Length - 1;
        int position = 0;
        for (int column = 0; column < last; column++)
        {
            int comma = line[position..].IndexOf((byte)',');
            if (comma < 0) ThrowColumnCount(line);
            _fieldStart[column] = position;
            _fieldLength[column] = comma;
            position += comma + 1;
        }
        if (line[position..].Contains((byte)',')) ThrowColumnCount(line);
        _fieldStart[last] = position;
        _fieldLength[last] = line.Length - position;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Field(ReadOnlySpan<byte> line, int column) =>
        CsvFields.Trim(line.Slice(_fieldStart[column], _fieldLength[column]));

    private bool IsOwnRow(ReadOnlySpan<byte> line)
    {
        var symbol = Field(line, _layout.SymbolColumn);
        if (symbol.SequenceEqual(_symbolUtf8)) return _symbolSeen = true;
        if (!_symbolSeen) _others.Note(symbol);
        return false;
    }

    private long ParseTime(ReadOnlySpan<byte> line)
    {
        var text = Field(line, _timeColumn);
        if (!CandleTimestamp.TryParse(text, out long time))
        {
            throw new CandleDataException(_source, _reader.LineNumber, "timestamp",
                $"expected an ISO-8601 date or date-time, or an integer epoch, got {CsvFields.Describe(text)}");
        }
        return time;
    }

    private double ParseNumber(ReadOnlySpan<byte> line, int column)
    {
        var text = Field(line, column);
        if (!CsvNumber.TryParse(text, out double value)) ThrowNumber(text, column);
        return value;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowNumber(ReadOnlySpan<byte> text, int column)
    {
        var kind = (CsvColumn)Array.IndexOf(_layout.ColumnOf, column);
        throw new CandleDataException(_source, _reader.LineNumber, CsvLayout.NameOf(kind),
            $"expected a number, got {CsvFields.Describe(text)}");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowColumnCount(ReadOnlySpan<byte> line)
    {
        int found = line.Count((byte)',') + 1;
        throw new CandleDataException(_source, _reader.LineNumber, "columns",
            $"expected {_layout.ColumnCount} columns ({string.Join(",", _layout.Names)}), got {found}");
    }

    private void Finish()
    {
        _finished = true;
        if (_symbolUtf8 is not null && !_symbolSeen)
        {
            string found = _others.Count == 0 ? "no rows at all" : $"only {_others.Describe()}";
            throw new CandleDataException(_source, 0, "symbol",
                $"expected rows for symbol {Symbol}, found {found}");
        }
    }
}
