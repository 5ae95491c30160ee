using System.Text.Json;
using Baton.Engine.Events;
using Baton.Engine.Live.Journal;
using Baton.Engine.Live.Messages;
using Baton.Engine.Live.Snapshots;

namespace Baton.Engine.Live.Sessions;

/// <summary>The session's state from the journal: restore at start (latest snapshot, then the inputs after it), the periodic
/// snapshot, and the rebuild after an input that could not be applied whole.</summary>
public sealed partial class LiveSession
{
    /// <summary>Loads the latest snapshot and re-feeds the journal's inputs after it (all of them without one); returns the
    /// last <c>stopped</c> event they decided (null when none did).</summary>
    private async Task<TradingStopped?> RestoreAsync(CancellationToken cancellationToken)
    {
        var header = _options.Header.WithMaxSkewBars(_options.MaxSkewBars);
        var stored = await _options.Journal.OpenAsync(header, cancellationToken).ConfigureAwait(false);
        if (stored.WithoutSkew.TrimEnd('\n') != header.WithoutSkew.TrimEnd('\n'))
            throw new InvalidOperationException($"the journal was written for another strategy ({stored.StrategyName} from {stored.StrategyPath}); " +
                "its inputs would not rebuild this one's state: use a new journal");
        if (stored.MaxSkewBars != _options.MaxSkewBars)
        {
            _maxSkewBars = stored.MaxSkewBars;   // candles waiting for a slower symbol are part of the journal's state
            BuildState();
            _options.Log?.Invoke($"the journal was started with --max-skew {stored.MaxSkewBars} (0: before the option existed): it keeps that bound, " +
                $"not {_options.MaxSkewBars}; a new journal takes another");
        }
        _journal = stored;
        long from = await RestoreSnapshotAsync(cancellationToken).ConfigureAwait(false);
        _batch.Strategy = stored.StrategyName;
        _batch.JournalCreatedAt = stored.CreatedAt;
        await foreach (var input in _options.Journal.ReadInputsAfterAsync(from, cancellationToken).ConfigureAwait(false))
        {
            if (input.Sequence != _batch.Sequence + 1)
                throw new InvalidOperationException($"journal: input {input.Sequence} follows {_batch.Sequence}: inputs are missing");
            _batch.Journaled(input);
            if (input.Rejected is not null) continue;   // refused when it arrived: no engine effect
            var m = LiveMessageParser.Parse(input.Stream, input.EntryId, input.Payload);
            _gaps.Observe(input.Stream, m.Producer, m.Sequence);
            foreach (var e in _engine.Apply(m, input.Stale)) if (e is TradingStopped s) _state.Stopped = s;
            _keys.Add(m.Key);
            _batch.Candles.Add(m);
        }
        string? saved = await _options.Journal.ReadPortfolioAsync(cancellationToken).ConfigureAwait(false);
        string now = JsonSerializer.Serialize<EngineEvent>(_engine.Snapshot(), Formats.Json);
        if (saved is not null && saved != now)
            throw new InvalidOperationException($"journal: re-feeding {_batch.Sequence} inputs gave another portfolio than the one journaled:\n  journaled {saved}\n  rebuilt   {now}");
        if (_batch.Sequence > 0)
            _options.Log?.Invoke($"restored {_batch.Sequence} inputs from the journal ({(from > 0 ? $"snapshot at {from}, " : "")}{_batch.Sequence - from} re-fed): " +
                $"{_engine.Portfolio.State}, equity {_engine.Portfolio.Equity:F2}");
        _snapshotAt = from;
        return _state.Stopped;
    }

    /// <summary>Writes the journal's latest snapshot into the fresh engine and loads the keys of the inputs it covers; returns
    /// the number of inputs it covers (0 with none). A snapshot from another build or strategy, or one that does not fit, is
    /// logged and dropped: the whole journal is re-fed instead.</summary>
    private async Task<long> RestoreSnapshotAsync(CancellationToken cancellationToken)
    {
        if (await _options.Journal.ReadSnapshotAsync(cancellationToken).ConfigureAwait(false) is not { } snapshot) return 0;
        try
        {
            long at = EngineSnapshot.Restore(snapshot.State, _state, _options.Header.StrategyText);
            if (at != snapshot.Sequence) throw new SnapshotRefusedException($"it says it covers {at} inputs, the journal says {snapshot.Sequence}");
            await foreach (var key in _options.Journal.ReadKeysAsync(at, cancellationToken).ConfigureAwait(false)) _keys.Add(key);
            _batch.Sequence = at;
            return at;
        }
        catch (SnapshotRefusedException e)
        {
            _options.Log?.Invoke($"journal: snapshot at input {snapshot.Sequence} refused, {e.Message}; re-feeding the whole journal");
            _keys.Clear();
            BuildState();
            return 0;
        }
    }

    /// <summary>The state after the batch just decided, when <see cref="LiveSessionOptions.SnapshotEvery"/> inputs passed since
    /// the last snapshot; stored after the batch's commit.</summary>
    private JournalSnapshot? TakeSnapshot()
    {
        if (_options.SnapshotEvery <= 0 || _batch.Sequence - _snapshotAt < _options.SnapshotEvery) return null;
        _snapshotAt = _batch.Sequence;
        return new JournalSnapshot(_batch.Sequence, EngineSnapshot.Capture(_state, _options.Header.StrategyText, _batch.Sequence));
    }

    /// <summary>An input failed part-way through the engine (dead-lettered): rebuilds the engine from the journal (once the commit
    /// in flight is durable) and this batch's inputs before it, so the engine is exactly as if that input never came.
    /// Rare (an amount past decimal's range), so a full re-feed is fine. Re-feeds what restore re-feeds.</summary>
    private async Task RebuildAsync(CancellationToken cancellationToken)
    {
        await _commits.FinishAsync(cancellationToken).ConfigureAwait(false);
        _engine.Reset();
        long n = 0;
        await foreach (var input in _options.Journal.ReadInputsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (input.Rejected is not null) continue;   // refused when it arrived: no engine effect
            _engine.Apply(LiveMessageParser.Parse(input.Stream, input.EntryId, input.Payload), input.Stale);
            n++;
        }
        foreach (var r in _batch.Records)
            if (r.Input.Rejected is null) _engine.Apply(LiveMessageParser.Parse(r.Input.Stream, r.Input.EntryId, r.Input.Payload), r.Input.Stale);
        _batch.Broken = false;
        _options.Log?.Invoke($"rebuilt the engine from {n + _batch.Records.Count} inputs after an input that would overflow the ledger");
    }
}
