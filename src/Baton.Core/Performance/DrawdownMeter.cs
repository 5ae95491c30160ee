namespace Baton.Core.Performance;

/// <summary>
/// Streaming high-water mark, drawdown and drawdown episodes over an equity series, one value per
/// <see cref="Update"/> (index 0 is the first value). O(1) and allocation-free per update. The one
/// implementation of drawdown in Baton: the live tracker runs it per bar, the metrics calculator per day.
/// </summary>
/// <remarks>
/// A value at or above the high-water mark moves the peak to it (so the peak is the last bar at the mark)
/// and ends any episode; a value below starts or extends one. Ties between episodes go to the earlier one.
/// </remarks>
internal sealed class DrawdownMeter
{
    private int _index = -1;
    private int _peakIndex;
    private bool _underwater;
    private int _troughIndex;
    private double _troughDepth;
    private DrawdownEpisode? _deepestClosed;
    private DrawdownEpisode? _longestClosed;
    private double _last;

    /// <summary>Index of the last value seen; -1 before the first.</summary>
    public int LastIndex => _index;

    /// <summary>Highest value seen so far.</summary>
    public double HighWaterMark { get; private set; }

    /// <summary>Last value / high-water mark - 1: a fraction, 0 at the peak, negative under water.</summary>
    public double Drawdown { get; private set; }

    /// <summary>Number of episodes begun, including one still ongoing.</summary>
    public int EpisodeCount { get; private set; }

    /// <summary>Bars since the peak while under water; 0 at the peak.</summary>
    public int CurrentDurationBars => _underwater ? _index - _peakIndex : 0;

    /// <summary>The episode in progress, or null at the peak.</summary>
    public DrawdownEpisode? Current =>
        _underwater ? new DrawdownEpisode(_peakIndex, _troughIndex, null, _troughDepth, _index - _peakIndex) : null;

    /// <summary>The deepest episode so far (ongoing included), or null if never under water.</summary>
    public DrawdownEpisode? Deepest
    {
        get
        {
            var current = Current;
            if (current is null) return _deepestClosed;
            if (_deepestClosed is null || current.Value.Depth < _deepestClosed.Value.Depth) return current;
            return _deepestClosed;
        }
    }

    /// <summary>The longest episode so far in bars (ongoing included), or null if never under water.</summary>
    public DrawdownEpisode? Longest
    {
        get
        {
            var current = Current;
            if (current is null) return _longestClosed;
            if (_longestClosed is null || current.Value.Duration > _longestClosed.Value.Duration) return current;
            return _longestClosed;
        }
    }

    /// <summary>Depth of the deepest episode: a fraction ≤ 0, 0 if never under water.</summary>
    public double MaxDrawdown => Deepest?.Depth ?? 0.0;

    /// <summary>Takes the next value of the series.</summary>
    public void Update(double value)
    {
        _index++;
        if (_underwater && value == _last) return;   // the same value under the same peak: the same drawdown (flat stretches)
        _last = value;
        if (_index == 0 || value >= HighWaterMark)
        {
            if (_underwater) CloseEpisode();
            HighWaterMark = value;
            _peakIndex = _index;
            Drawdown = 0.0;
            return;
        }
        Drawdown = value / HighWaterMark - 1.0;
        if (!_underwater)
        {
            _underwater = true;
            EpisodeCount++;
            _troughIndex = _index;
            _troughDepth = Drawdown;
        }
        else if (Drawdown < _troughDepth)
        {
            _troughIndex = _index;
            _troughDepth = Drawdown;
        }
    }

    /// <summary><see cref="Update"/> with the same value <paramref name="times"/> times in a row, in O(1): after the first,
    /// a repeat under water only moves the index, and one at the peak moves the peak with it.</summary>
    public void UpdateRepeated(double value, int times)
    {
        if (times <= 0) return;
        Update(value);
        _index += times - 1;
        if (!_underwater) _peakIndex = _index;
    }

    private void CloseEpisode()
    {
        var episode = new DrawdownEpisode(_peakIndex, _troughIndex, _index, _troughDepth, _index - _peakIndex);
        if (_deepestClosed is null || episode.Depth < _deepestClosed.Value.Depth) _deepestClosed = episode;
        if (_longestClosed is null || episode.Duration > _longestClosed.Value.Duration) _longestClosed = episode;
        _underwater = false;
    }
}
