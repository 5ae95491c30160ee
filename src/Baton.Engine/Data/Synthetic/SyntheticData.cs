using Baton.Core.Market;
using Baton.Engine.Data.Csv;
using Baton.Engine.Strategy;

namespace Baton.Engine.Data.Synthetic;

/// <summary>The <c>baton data generate</c> use case: synthetic candles written to a CSV file.</summary>
public static class SyntheticData
{
    /// <summary>Writes <see cref="DataSpec.Bars"/> synthetic candles per symbol of <paramref name="symbols"/>
    /// (walks as <see cref="SyntheticCandleSource"/> makes them) to <paramref name="path"/> atomically with
    /// <see cref="CsvCandleWriter"/>; returns the number of rows written. The same arguments always give
    /// the same bytes.</summary>
    public static async Task<long> GenerateToCsvAsync(string path, IReadOnlyList<string> symbols, Timeframe timeframe,
        DataSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        if (symbols.Count == 0) throw new ArgumentException("At least one symbol is needed.", nameof(symbols));
        if (symbols.Distinct(StringComparer.Ordinal).Count() != symbols.Count)
            throw new ArgumentException("Symbols must be distinct.", nameof(symbols));
        var source = new SyntheticCandleSource(spec);
        var streams = await source.OpenAsync(symbols, timeframe, TimeRange.All, cancellationToken).ConfigureAwait(false);
        return await CsvCandleWriter.WriteAsync(path, streams, timeframe, cancellationToken).ConfigureAwait(false);
    }
}
