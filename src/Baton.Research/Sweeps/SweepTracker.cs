using Baton.Research.Objectives;
using Baton.Research.Trials;

namespace Baton.Research.Sweeps;

/// <summary>Turns each finished trial (reported from any worker thread) into a <see cref="SweepProgress"/>.</summary>
internal sealed class SweepTracker : IProgress<TrialOutcome>
{
    private readonly Lock _lock = new();
    private readonly Objective _objective;
    private readonly IProgress<SweepProgress>? _progress;
    private readonly TimeProvider _clock;
    private readonly long _started;
    private readonly int _total;
    private int _done, _ranHere, _failed;
    private TrialOutcome? _best;
    private double? _bestScore;

    public SweepTracker(SweepPlan plan, int total, IEnumerable<TrialOutcome> resumed, SweepRunOptions options)
    {
        _objective = plan.Objective;
        _progress = options.Progress;
        _clock = options.Clock;
        _started = _clock.GetTimestamp();
        _total = total;
        foreach (var outcome in resumed) Count(outcome);
        _ranHere = 0;
        if (_done > 0) Publish();
    }

    public void Report(TrialOutcome value)
    {
        lock (_lock)
        {
            Count(value);
            Publish();
        }
    }

    private void Count(TrialOutcome outcome)
    {
        _done++;
        _ranHere++;
        if (outcome.Error is not null) _failed++;
        if (_objective.Score(outcome) is { } score
            && (_bestScore is null || score > _bestScore || (score == _bestScore && outcome.Id < _best!.Id)))
            (_best, _bestScore) = (outcome, score);
    }

    private void Publish()
    {
        if (_progress is null) return;
        var elapsed = _clock.GetElapsedTime(_started);
        TimeSpan? remaining = _ranHere == 0 ? null : elapsed / _ranHere * Math.Max(0, _total - _done);
        _progress.Report(new SweepProgress(_done, _total, _failed, _best, _bestScore, elapsed, remaining));
    }
}
