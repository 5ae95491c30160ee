using System.Runtime.CompilerServices;
using Baton.Core.Market;

namespace Baton.Core.Indicators;

/// <summary>
/// Normalized average true range, in percent of the close: 100 · ATR(period) / close (0 when the close is
/// 0). Warm-up: <c>period + 1</c>. Definition: TA-Lib <c>NATR</c> (John Forman, 2006).
/// </summary>
public sealed class NormalizedAverageTrueRange : Indicator
{
    private readonly AverageTrueRange _atr;

    public NormalizedAverageTrueRange(int period) : base(period + 1)
    {
        _atr = new AverageTrueRange(period);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(in Candle candle)
    {
        _atr.Update(candle);
        if (!_atr.IsReady) return;
        Values[0] = Precision.IsZero(candle.Close) ? 0.0 : _atr.Value / candle.Close * 100.0;
    }

    protected override void ResetState() => _atr.Reset();
}
