using System.Runtime.CompilerServices;
using System.Text;

namespace Baton.Engine.Data.Csv;

/// <summary>
/// Every row of a candle CSV file in file order (the layout <see cref="CsvCandleSource"/> reads), parsed from a
/// reused byte buffer. Without a symbol column every row belongs to the one symbol the caller names.
/// </summary>
public sealed class CsvCandleRowReader : ICandleRowReader
{
    private readonly CsvLineReader _reader;
    private readonly CsvRowParser _parser;
    private readonly Action<CandleDataException>? _onBadRow;
    private readonly List<string> _symbols = [];
    private readonly List<byte[]> _symbolBytes = [];
    private int _lastSymbol;

    private CsvCandleRowReader(CsvLineReader reader, CsvRowParser parser, string source, string defaultSymbol,
        Action<CandleDataException>? onBadRow)
    {
        _reader = reader;
        _parser = parser;
        _onBadRow = onBadRow;
        Source = source;
        if (!HasSymbolColumn) _symbols.Add(defaultSymbol);
    }

    public string Source { get; }

    public bool HasSymbolColumn => _parser.Layout.SymbolColumn >= 0;

    public IReadOnlyList<string> Symbols => _symbols;

    public double Progress => _reader.Progress;

    /// <summary>Opens <paramref name="path"/> and reads its header.</summary>
    /// <param name="defaultSymbol">The symbol of every row when the file has no symbol column.</param>
    /// <param name="onBadRow">When given, a row whose text does not parse (or has the wrong column count) is
    /// reported here and skipped instead of thrown.</param>
    public static async ValueTask<CsvCandleRowReader> OpenAsync(string path, string defaultSymbol,
        Action<CandleDataException>? onBadRow, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var (reader, layout) = await CsvCandleStream.OpenWithHeaderAsync(path, path, cancellationToken).ConfigureAwait(false);
        return new CsvCandleRowReader(reader, new CsvRowParser(path, layout), path, defaultSymbol, onBadRow);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> ReadAsync(CandleRowBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int written = 0;
        while (true)
        {
            written = ParseLines(batch, written);
            if (written == batch.Capacity || _reader.IsAtEnd) return written;
            cancellationToken.ThrowIfCancellationRequested();
            await _reader.FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => _reader.DisposeAsync();

    private int ParseLines(CandleRowBatch batch, int written)
    {
        while (written < batch.Capacity && _reader.TryReadLine(out var line))
        {
            if (CsvRowParser.IsBlank(line)) continue;
            long row = _reader.LineNumber;
            try
            {
                _parser.Split(line, row);
                batch.SymbolIds[written] = HasSymbolColumn ? SymbolId(_parser.Field(line, _parser.Layout.SymbolColumn)) : 0;
                batch.Candles[written] = _parser.Candle(line, row);
            }
            catch (CandleDataException e) when (_onBadRow is not null)
            {
                _onBadRow(e);
                continue;
            }
            batch.Rows[written] = row;
            written++;
        }
        return written;
    }

    private int SymbolId(ReadOnlySpan<byte> symbol)
    {
        if (_lastSymbol < _symbolBytes.Count && symbol.SequenceEqual(_symbolBytes[_lastSymbol])) return _lastSymbol;
        for (int i = 0; i < _symbolBytes.Count; i++)
        {
            if (symbol.SequenceEqual(_symbolBytes[i])) return _lastSymbol = i;
        }
        if (symbol.IsEmpty) throw new CandleDataException(Source, _reader.LineNumber, "symbol", "expected a symbol, got an empty field");
        _symbolBytes.Add(symbol.ToArray());
        _symbols.Add(Encoding.UTF8.GetString(symbol));
        return _lastSymbol = _symbolBytes.Count - 1;
    }
}
