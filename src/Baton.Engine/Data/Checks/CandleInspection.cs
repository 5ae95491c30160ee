using Baton.Core.Market;

namespace Baton.Engine.Data.Checks;

/// <summary>What one symbol of a source holds: rows (valid or not), the open times of its first and last valid
/// candle, how many rows are invalid, and the gaps: <see cref="MissingBars"/> bars absent between consecutive
/// valid candles, in <see cref="Gaps"/> separate stretches.</summary>
public sealed record SymbolInspection(string Symbol, long Rows, long? First, long? Last, long InvalidRows, long MissingBars, long Gaps);

/// <summary>The report of <c>baton data inspect</c>: per symbol in order of first appearance, the timeframe the
/// gaps were counted with (given, or the smallest step seen; null when no symbol has two candles), rows that
/// could not be read at all, and the first problems found, each naming source, row and field.</summary>
public sealed record CandleInspection(
    string Source,
    Timeframe? Timeframe,
    IReadOnlyList<SymbolInspection> Symbols,
    long UnreadableRows,
    IReadOnlyList<string> Problems);
