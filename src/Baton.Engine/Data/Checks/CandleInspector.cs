using Baton.Core.Market;

namespace Baton.Engine.Data.Checks;

/// <summary>
/// Reads a whole <see cref="ICandleRowReader"/> and reports per symbol its rows, first and last time, invalid
/// rows (every <see cref="CandleValidator"/> rule; a row at or before the symbol's last valid time is a
/// duplicate or out of order) and gaps. It never stops at a bad row. Memory is bounded: per symbol a few
/// counters and a histogram of the steps between valid candles (at most <see cref="MaxDistinctSteps"/>
/// distinct step lengths are counted; later new lengths are not).
/// </summary>
public sealed class CandleInspector
{
    /// <summary>How many problem messages the report keeps (the first found, listed by row).</summary>
    public const int MaxProblems = 20;
    private const int MaxDistinctSteps = 4096;

    private readonly List<SymbolState> _states = [];
    private readonly List<(long Row, string Message)> _problems = [];
    private long _unreadable;

    /// <summary>Inspects the file behind <paramref name="open"/>, which receives the callback for unreadable rows.</summary>
    /// <param name="timeframe">Bar length to count gaps with; null infers the smallest step between two candles.</param>
    public static async Task<CandleInspection> InspectAsync(
        Func<Action<CandleDataException>, ValueTask<ICandleRowReader>> open, Timeframe? timeframe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(open);
        var inspector = new CandleInspector();
        var rows = await open(inspector.NoteUnreadable).ConfigureAwait(false);
        await using (rows.ConfigureAwait(false))
        {
            var batch = new CandleRowBatch();
            int count;
            while ((count = await rows.ReadAsync(batch, cancellationToken).ConfigureAwait(false)) > 0)
            {
                for (int i = 0; i < count; i++) inspector.Note(rows, batch.SymbolIds[i], batch.Candles[i], batch.Rows[i]);
            }
            return inspector.Report(rows.Source, rows.Symbols, timeframe);
        }
    }

    private void NoteUnreadable(CandleDataException problem)
    {
        _unreadable++;
        AddProblem(problem.Row, problem.Message);
    }

    private void Note(ICandleRowReader rows, int symbolId, in Candle candle, long row)
    {
        while (_states.Count <= symbolId) _states.Add(new SymbolState());
        var state = _states[symbolId];
        state.Rows++;
        string? problem = null;
        if (CandleValidator.FindProblem(candle) is var (field, text)) problem = $"{rows.Source}:{row}:{field}: {text}";
        else if (state.Last is { } last && candle.OpenTime <= last)
        {
            string kind = candle.OpenTime == last ? "duplicate" : "out of order";
            problem = $"{rows.Source}:{row}:timestamp: expected a time after the previous candle of {rows.Symbols[symbolId]} " +
                $"({CandleTimestamp.Format(last)}), got {CandleTimestamp.Format(candle.OpenTime)} ({kind})";
        }
        if (problem is not null)
        {
            state.Invalid++;
            AddProblem(row, problem);
            return;
        }
        if (state.Last is { } previous) state.NoteStep(candle.OpenTime - previous);
        state.First ??= candle.OpenTime;
        state.Last = candle.OpenTime;
    }

    private void AddProblem(long row, string message)
    {
        if (_problems.Count < MaxProblems) _problems.Add((row, message));
    }

    private CandleInspection Report(string source, IReadOnlyList<string> symbols, Timeframe? timeframe)
    {
        long? smallest = _states.Where(s => s.Steps.Count > 0).Select(s => (long?)s.Steps.Keys.Min()).Min();
        var tf = timeframe ?? (smallest is { } ms ? new Timeframe(ms) : null);
        var reports = new List<SymbolInspection>(_states.Count);
        for (int i = 0; i < _states.Count; i++)
        {
            var s = _states[i];
            long missing = 0, gaps = 0;
            if (tf is { } t)
            {
                foreach (var (step, n) in s.Steps.Where(p => p.Key > t.Milliseconds))
                {
                    missing += n * (step / t.Milliseconds - (step % t.Milliseconds == 0 ? 1 : 0));
                    gaps += n;
                }
            }
            reports.Add(new SymbolInspection(symbols[i], s.Rows, s.First, s.Last, s.Invalid, missing, gaps));
        }
        var problems = _problems.OrderBy(p => p.Row).Select(p => p.Message).ToList();
        return new CandleInspection(source, tf, reports, _unreadable, problems);
    }

    private sealed class SymbolState
    {
        public long Rows;
        public long Invalid;
        public long? First;
        public long? Last;
        public SortedDictionary<long, long> Steps { get; } = [];

        public void NoteStep(long step)
        {
            if (Steps.TryGetValue(step, out long n)) Steps[step] = n + 1;
            else if (Steps.Count < MaxDistinctSteps) Steps[step] = 1;
        }
    }
}
