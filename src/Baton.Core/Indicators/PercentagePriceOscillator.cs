using System.Runtime.CompilerServices;

namespace Baton.Core.Indicators;

/// <summary>
/// Percentage price oscillator, percent: <c>ppo</c> = 100 · (EMA(fast) − EMA(slow)) / EMA(slow) (0 when the
/// slow EMA is 0), <c>signal</c> = EMA(signal) of ppo, <c>hist</c> = ppo − signal. The EMAs are stand-alone
/// SMA-seeded <see cref="ExponentialMovingAverage"/>s (MACD's textbook construction, in percent; TA-Lib
/// <c>PPO</c> defaults to SMAs instead). Warm-up: <c>slow</c>; signal and hist after slow + signal − 1.
/// </summary>
public sealed class PercentagePriceOscillator : SeriesIndicator
{
    private readonly ExponentialMovingAverage _fast;
    private readonly ExponentialMovingAverage _slow;
    private readonly ExponentialMovingAverage _signal;

    public PercentagePriceOscillator(int fast, int slow, int signal) : base(slow, 3)
    {
        if (fast >= slow)
            throw new ArgumentException($"PPO needs fast < slow, got fast {fast} and slow {slow}", nameof(fast));
        _fast = new ExponentialMovingAverage(fast);
        _slow = new ExponentialMovingAverage(slow);
        _signal = new ExponentialMovingAverage(signal);
        SetOutputWarmUpPeriod(1, slow + signal - 1);
        SetOutputWarmUpPeriod(2, slow + signal - 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(double value)
    {
        _fast.Update(value);
        _slow.Update(value);
        if (!_slow.IsReady) return;
        double slow = _slow.Value;
        double ppo = slow != 0.0 ? (_fast.Value - slow) / slow * 100.0 : 0.0;
        Values[0] = ppo;
        _signal.Update(ppo);
        if (!_signal.IsReady) return;
        Values[1] = _signal.Value;
        Values[2] = ppo - _signal.Value;
    }

    protected override void ResetState()
    {
        _fast.Reset();
        _slow.Reset();
        _signal.Reset();
    }
}
