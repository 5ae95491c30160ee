using System.Runtime.CompilerServices;
using Baton.Core.Market;

namespace Baton.Core.Indicators;

/// <summary>
/// On-balance volume (Joseph Granville, 1963), in volume units: starts at the first bar's volume, then adds
/// the volume of a bar that closes up, subtracts that of a bar that closes down, and keeps it on an
/// unchanged close. A compensated sum, so it does not drift. Warm-up: 1. Matches TA-Lib <c>OBV</c>.
/// </summary>
public sealed class OnBalanceVolume : Indicator
{
    private CompensatedSum _total;
    private double _previousClose;
    private bool _hasPrevious;

    public OnBalanceVolume() : base(1)
    {
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(in Candle candle)
    {
        if (!_hasPrevious) _total.Add(candle.Volume);
        else if (candle.Close > _previousClose) _total.Add(candle.Volume);
        else if (candle.Close < _previousClose) _total.Add(-candle.Volume);
        _previousClose = candle.Close;
        _hasPrevious = true;
        Values[0] = _total.Value;
    }

    protected override void ResetState()
    {
        _total.Clear();
        _previousClose = 0;
        _hasPrevious = false;
    }
}
