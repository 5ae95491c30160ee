using Baton.Core.Market;
using Baton.Engine.Data.Checks;

namespace Baton.Engine.Data;

/// <summary>A reused batch of rows from an <see cref="ICandleRowReader"/>: the candle, its symbol (an index into
/// <see cref="ICandleRowReader.Symbols"/>) and its 1-based row in the source, at the same positions.</summary>
public sealed class CandleRowBatch
{
    public CandleRowBatch(int capacity = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Candles = new Candle[capacity];
        SymbolIds = new int[capacity];
        Rows = new long[capacity];
    }

    public int Capacity => Candles.Length;
    public Candle[] Candles { get; }
    public int[] SymbolIds { get; }
    public long[] Rows { get; }
}

/// <summary>
/// Every row of a candle file in file order, whatever its symbol: what import, conversion and inspection
/// read, where a backtest reads one <see cref="ICandleStream"/> per symbol instead. Rows are parsed but not
/// validated (see <see cref="CandleRowChecker"/>); text that is not a number or a time throws
/// <see cref="CandleDataException"/> naming source, row and field, unless the reader was opened to report
/// such rows and skip them.
/// </summary>
public interface ICandleRowReader : IAsyncDisposable
{
    /// <summary>The source as messages name it.</summary>
    string Source { get; }

    /// <summary>True when the file names a symbol per row; false when it holds one symbol named by the caller.</summary>
    bool HasSymbolColumn { get; }

    /// <summary>The symbols met so far, in order of first appearance; a row's symbol id indexes this list.</summary>
    IReadOnlyList<string> Symbols { get; }

    /// <summary>How much of the source has been read, 0 to 1 (0 when unknown).</summary>
    double Progress { get; }

    /// <summary>Fills <paramref name="batch"/> from the start; returns how many rows were written, 0 at the end.</summary>
    ValueTask<int> ReadAsync(CandleRowBatch batch, CancellationToken cancellationToken);
}
