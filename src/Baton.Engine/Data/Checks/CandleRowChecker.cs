namespace Baton.Engine.Data.Checks;

/// <summary>
/// Validates rows of an <see cref="ICandleRowReader"/> strictly, with one <see cref="CandleValidator"/> per
/// symbol (so time must increase within each symbol, and symbols may interleave); the first bad row throws
/// <see cref="CandleDataException"/>. Also measures the smallest step between two candles of a symbol, from
/// which a timeframe can be inferred.
/// </summary>
internal sealed class CandleRowChecker
{
    private readonly ICandleRowReader _rows;
    private readonly List<CandleValidator> _validators = [];

    public CandleRowChecker(ICandleRowReader rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        _rows = rows;
    }

    /// <summary>Smallest positive step in ms between consecutive candles of one symbol; null until two candles of
    /// a symbol were seen.</summary>
    public long? SmallestStep { get; private set; }

    /// <summary>Checks the first <paramref name="count"/> rows of <paramref name="batch"/>.</summary>
    public void Check(CandleRowBatch batch, int count)
    {
        ArgumentNullException.ThrowIfNull(batch);
        for (int i = 0; i < count; i++)
        {
            int id = batch.SymbolIds[i];
            while (_validators.Count <= id)
            {
                string? symbol = _rows.HasSymbolColumn ? _rows.Symbols[_validators.Count] : null;
                _validators.Add(new CandleValidator(_rows.Source, symbol));
            }
            var validator = _validators[id];
            long? previous = validator.PreviousOpenTime;
            validator.Validate(batch.Candles[i], batch.Rows[i]);
            if (previous is { } p)
            {
                long step = batch.Candles[i].OpenTime - p;
                if (SmallestStep is not { } s || step < s) SmallestStep = step;
            }
        }
    }
}
