using System.Runtime.CompilerServices;
using System.Text;
using Baton.Core.Market;
using Baton.Engine.Data.Checks;

namespace Baton.Engine.Data.Csv;

/// <summary>
/// One symbol's candles from a CSV file, parsed line by line from a reused byte buffer straight into the
/// caller's candle buffer. With a symbol column, rows of other symbols are skipped after checking only
/// their column count; every own row is validated (also those outside the time range, which are then
/// dropped), and reading stops at the first row past the range's end.
/// </summary>
internal sealed class CsvCandleStream : ICandleStream
{
    private readonly CsvLineReader _reader;
    private readonly CsvRowParser _parser;
    private readonly CandleValidator _validator;
    private readonly byte[]? _symbolUtf8;
    private readonly SymbolsSeen _others = new();
    private readonly long _from;
    private readonly long _to;
    private readonly string _source;
    private bool _symbolSeen;
    private bool _finished;

    private CsvCandleStream(CsvLineReader reader, CsvRowParser parser, string source, string symbol, TimeRange range)
    {
        _reader = reader;
        _parser = parser;
        _source = source;
        Symbol = symbol;
        bool longFormat = parser.Layout.SymbolColumn >= 0;
        _validator = new CandleValidator(source, longFormat ? symbol : null);
        _symbolUtf8 = longFormat ? Encoding.UTF8.GetBytes(symbol) : null;
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
    public string ColumnList => _parser.Layout.NameList;

    /// <summary>Opens <paramref name="path"/> and reads its header; throws <see cref="CandleDataException"/> for a
    /// missing file, an empty file or a bad header.</summary>
    public static async ValueTask<CsvCandleStream> OpenAsync(string path, string source, string symbol, TimeRange range,
        CancellationToken cancellationToken)
    {
        var (reader, layout) = await OpenWithHeaderAsync(path, source, cancellationToken).ConfigureAwait(false);
        return new CsvCandleStream(reader, new CsvRowParser(source, layout), source, symbol, range);
    }

    /// <summary>Opens <paramref name="path"/> and reads its header line into a layout; the reader is left at the
    /// first data line. Throws <see cref="CandleDataException"/> for a missing file, an empty file or a bad header.</summary>
    public static async ValueTask<(CsvLineReader Reader, CsvLayout Layout)> OpenWithHeaderAsync(string path, string source,
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
            return (reader, layout!);
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
        if (CsvRowParser.IsBlank(line)) return LineResult.Skipped;
        long row = _reader.LineNumber;
        _parser.Split(line, row);
        if (_symbolUtf8 is not null && !IsOwnRow(line)) return LineResult.Skipped;
        candle = _parser.Candle(line, row);
        _validator.Validate(candle, row);
        if (candle.OpenTime < _from) return LineResult.Skipped;
        return candle.OpenTime > _to ? LineResult.PastRange : LineResult.Candle;
    }

    private bool IsOwnRow(ReadOnlySpan<byte> line)
    {
        var symbol = _parser.Field(line, _parser.Layout.SymbolColumn);
        if (symbol.SequenceEqual(_symbolUtf8)) return _symbolSeen = true;
        if (!_symbolSeen) _others.Note(symbol);
        return false;
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
