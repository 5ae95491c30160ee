using System.Runtime.CompilerServices;
using Baton.Core.Market;

namespace Baton.Core.Indicators;

/// <summary>
/// Money flow index (Gene Quong and Avrum Soudack, 1989), 0..100: a volume-weighted RSI. Raw money flow is
/// typical price (high + low + close) / 3 times volume; it counts as positive when the typical price rose
/// from the previous bar, negative when it fell, and not at all when unchanged. MFI = 100 · P / (P + N) over
/// the last <c>period</c> flows; 0 when no money flowed (as <see cref="RelativeStrengthIndex"/>; TA-Lib
/// <c>MFI</c>, otherwise the same definition, gives 0 whenever P + N &lt; 1). Warm-up: <c>period + 1</c>.
/// </summary>
public sealed class MoneyFlowIndex : Indicator
{
    private readonly RollingSum _positive;
    private readonly RollingSum _negative;
    private double _previousTypical;
    private bool _hasPrevious;

    public MoneyFlowIndex(int period) : base(period + 1)
    {
        _positive = new RollingSum(period);
        _negative = new RollingSum(period);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(in Candle candle)
    {
        double typical = candle.Hlc3;
        if (_hasPrevious)
        {
            double flow = typical * candle.Volume;
            _positive.Add(typical > _previousTypical ? flow : 0.0);
            _negative.Add(typical < _previousTypical ? flow : 0.0);
        }
        _previousTypical = typical;
        _hasPrevious = true;
        if (!_positive.IsFull) return;
        double total = _positive.Sum + _negative.Sum;
        Values[0] = total > 0 ? 100.0 * (_positive.Sum / total) : 0.0;
    }

    protected override void ResetState()
    {
        _positive.Clear();
        _negative.Clear();
        _previousTypical = 0;
        _hasPrevious = false;
    }
}
