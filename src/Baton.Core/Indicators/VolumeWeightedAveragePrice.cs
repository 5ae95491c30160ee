using System.Runtime.CompilerServices;
using Baton.Core.Market;

namespace Baton.Core.Indicators;

/// <summary>
/// Session-anchored volume-weighted average price, in price units: Σ(typical · volume) / Σ volume over the
/// bars of the current session, typical = (high + low + close) / 3. A session is a UTC interval of
/// <c>sessionHours</c> aligned on the Unix epoch (24: each UTC day, the default); a bar belongs to the
/// session holding its open time, and the sums restart at the first bar of each new session. 0 hours means
/// one session from the first bar on (anchored VWAP). While the session has no volume yet the value is
/// the bar's typical price. Compensated sums. Warm-up: 1. Definition: Berkowitz, Logue and Noser,
/// "The Total Cost of Transactions on the NYSE", Journal of Finance (1988).
/// </summary>
public sealed class VolumeWeightedAveragePrice : Indicator
{
    private readonly long _sessionMilliseconds;
    private CompensatedSum _weighted;
    private CompensatedSum _volume;
    private long _session = long.MinValue;

    public VolumeWeightedAveragePrice(int sessionHours = 24) : base(1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sessionHours);
        _sessionMilliseconds = sessionHours * Timeframe.Hour;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(in Candle candle)
    {
        long session = SessionOf(candle.OpenTime);
        if (session != _session)
        {
            _session = session;
            _weighted.Clear();
            _volume.Clear();
        }
        double typical = candle.Hlc3;
        _weighted.Add(typical * candle.Volume);
        _volume.Add(candle.Volume);
        double volume = _volume.Value;
        Values[0] = volume > 0 ? _weighted.Value / volume : typical;
    }

    private long SessionOf(long openTime)
    {
        if (_sessionMilliseconds == 0) return 0;
        long session = openTime / _sessionMilliseconds;
        return openTime % _sessionMilliseconds < 0 ? session - 1 : session;
    }

    protected override void ResetState()
    {
        _weighted.Clear();
        _volume.Clear();
        _session = long.MinValue;
    }
}
