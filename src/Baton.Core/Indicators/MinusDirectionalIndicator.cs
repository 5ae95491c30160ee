using System.Runtime.CompilerServices;
using Baton.Core.Market;

namespace Baton.Core.Indicators;

/// <summary>
/// Minus directional indicator −DI (Wilder, 1978), percent: 100 · smoothed −DM / smoothed TR, 0 when the
/// smoothed true range is ~0. Warm-up: <c>period + 1</c>. Smoothing as in <see cref="DirectionalMovement"/>.
/// Matches TA-Lib <c>MINUS_DI</c>.
/// </summary>
public sealed class MinusDirectionalIndicator : Indicator
{
    private readonly DirectionalMovement _movement;

    public MinusDirectionalIndicator(int period) : base(period + 1)
    {
        _movement = new DirectionalMovement(period);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(in Candle candle)
    {
        if (_movement.Update(candle)) Values[0] = _movement.MinusIndicator;
    }

    protected override void ResetState() => _movement.Clear();
}
