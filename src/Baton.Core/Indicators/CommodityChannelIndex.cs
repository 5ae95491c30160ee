using System.Runtime.CompilerServices;
using Baton.Core.Market;

namespace Baton.Core.Indicators;

/// <summary>
/// Commodity channel index (Donald Lambert, 1980), unitless (typically ±100): (TP − SMA(TP)) / (0.015 · MD),
/// TP = (high + low + close) / 3 and MD the mean absolute deviation of the window's TP around its current
/// mean; 0 when either is 0. Warm-up: <c>period</c>. The deviation around the current mean cannot be slid,
/// so each update is O(period) (a loop over the preallocated window, no allocation), as in every
/// implementation including TA-Lib <c>CCI</c>, which this matches.
/// </summary>
public sealed class CommodityChannelIndex : Indicator
{
    private readonly RingBuffer _typical;

    public CommodityChannelIndex(int period) : base(period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _typical = new RingBuffer(period);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(in Candle candle)
    {
        double typical = candle.Hlc3;
        _typical.Push(typical);
        if (!_typical.IsFull) return;
        int n = _typical.Count;
        double mean = _typical.Sum() / n;
        double deviation = 0;
        for (int age = 0; age < n; age++) deviation += Math.Abs(_typical[age] - mean);
        double distance = typical - mean;
        Values[0] = distance != 0.0 && deviation != 0.0 ? distance / (0.015 * (deviation / n)) : 0.0;
    }

    protected override void ResetState() => _typical.Clear();
}
