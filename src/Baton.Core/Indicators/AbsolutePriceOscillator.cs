using System.Runtime.CompilerServices;

namespace Baton.Core.Indicators;

/// <summary>
/// Absolute price oscillator, in the units of its input: EMA(fast) − EMA(slow), each a stand-alone
/// SMA-seeded <see cref="ExponentialMovingAverage"/> (the textbook MACD line; TA-Lib <c>APO</c> defaults to
/// SMAs instead). Warm-up: <c>slow</c>.
/// </summary>
public sealed class AbsolutePriceOscillator : SeriesIndicator
{
    private readonly ExponentialMovingAverage _fast;
    private readonly ExponentialMovingAverage _slow;

    public AbsolutePriceOscillator(int fast, int slow) : base(slow)
    {
        if (fast >= slow)
            throw new ArgumentException($"APO needs fast < slow, got fast {fast} and slow {slow}", nameof(fast));
        _fast = new ExponentialMovingAverage(fast);
        _slow = new ExponentialMovingAverage(slow);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(double value)
    {
        _fast.Update(value);
        _slow.Update(value);
        if (_slow.IsReady) Values[0] = _fast.Value - _slow.Value;
    }

    protected override void ResetState()
    {
        _fast.Reset();
        _slow.Reset();
    }
}
