using Baton.Core.Market;
using Baton.Engine.Backtest;
using Baton.Engine.Compilation;
using Baton.Engine.Strategy;
using Baton.Engine.Trading;

namespace Baton.Research.Trials;

/// <summary>A trial prepared for a pass: its place in the batch, its spec, its strategy loaded and compiled.</summary>
internal sealed record PreparedTrial(int Index, TrialSpec Spec, StrategyDefinition Strategy, CompiledStrategy Compiled);

/// <summary>
/// One trial inside a pass: its own engine (signals, rules, orders, portfolio, tracker) over a graph whose indicators
/// are shared (<see cref="SharedSlots"/>). Any exception (an amount past the ledger's range, a bug) stops the trial
/// here and marks it <see cref="Failed"/>: the batch then runs it alone through the reference path, which fails or
/// succeeds exactly as <c>baton backtest</c> would.
/// </summary>
internal sealed class TrialRunner(PreparedTrial trial, SharedSlots view)
{
    private TradingEngine? _engine = new(trial.Compiled, view);

    public PreparedTrial Trial => trial;

    public bool Failed => _engine is null && Result is null;

    /// <summary>Stopped, flat and without orders since some batch: the rest is bookkeeping
    /// (<see cref="TradingEngine.IsFrozen"/>).</summary>
    public bool Frozen { get; private set; }

    public void Feed(Candle[] candles, int[] symbols, int count, BatchClock clock)
    {
        var engine = _engine;
        if (engine is null) return;
        try
        {
            if (Frozen || (Frozen = engine.IsFrozen))
            {
                if (clock.Ordered) engine.OnFrozenBatch(clock.Closes, clock.Instants, clock.LastCloses);
                else for (int i = 0; i < count; i++) engine.OnFrozenCandle(symbols[i], candles[i]);
                return;
            }
            for (int i = 0; i < count; i++)
            {
                view.Row = i;
                engine.OnCandle(symbols[i], candles[i]);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _engine = null;
        }
    }

    /// <summary>Closes the last timestamp and takes the outcome (on a pass thread: outcomes are made in parallel too).</summary>
    public void Finish(long candles, long? first, long? last)
    {
        try
        {
            if (_engine is null) return;
            _engine.Finish();
            Result = Outcome(candles, first, last);
        }
        catch (Exception e) when (e is not OutOfMemoryException) { _engine = null; }
    }

    /// <summary>The outcome once <see cref="Finish"/> succeeded; null when the trial failed.</summary>
    public TrialOutcome? Result { get; private set; }

    /// <summary>The outcome, as the reference path computes it from the same finished engine.</summary>
    private TrialOutcome Outcome(long candles, long? first, long? last)
    {
        var returns = ReturnProfile.Of(_engine!.Tracker.DailyEquities);
        var result = BacktestRunner.Result(_engine, candles, first, last, keepDailyEquities: false);
        _engine = null;   // the pass keeps outcomes, not engines
        return TrialBatch.Outcome(new TrialOutcome(trial.Spec.Id, trial.Spec.Settings), result, trial.Strategy.Symbols, returns);
    }
}
