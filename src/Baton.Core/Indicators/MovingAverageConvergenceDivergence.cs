using System.Runtime.CompilerServices;

namespace Baton.Core.Indicators;

/// <summary>
/// MACD (Gerald Appel, 1979), in the units of its input. Outputs: <c>macd</c> = EMA(fast) − EMA(slow),
/// <c>signal</c> = EMA(signal) of the macd line, <c>hist</c> = macd − signal.
/// <para>Default seeding is TA-Lib's (<c>MACD</c>): both EMAs produce their first value at input
/// <c>slow</c>, the fast one seeded with the mean of the <c>fast</c> inputs ending there (not the first
/// <c>fast</c> inputs), and all three outputs appear together. Warm-up: slow + signal − 1 (34 for 12/26/9).
/// The fast EMA therefore differs from a stand-alone EMA(fast) by a seed effect that decays like
/// ((fast−1)/(fast+1))^t.</para>
/// <para>With <c>independentSeed</c>, each EMA is seeded from the first input as a stand-alone EMA (the
/// textbook construction): macd is ready after <c>slow</c> inputs, signal and hist after slow + signal − 1.</para>
/// </summary>
public sealed class MovingAverageConvergenceDivergence : SeriesIndicator
{
    private readonly ExponentialMovingAverage _fast;
    private readonly ExponentialMovingAverage _slow;
    private readonly ExponentialMovingAverage _signal;
    private readonly int _fastSkip;
    private readonly bool _independentSeed;
    private int _count;

    public MovingAverageConvergenceDivergence(int fast, int slow, int signal, bool independentSeed = false)
        : base(independentSeed ? slow : slow + signal - 1, 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fast, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(signal, 1);
        if (fast >= slow)
            throw new ArgumentException($"MACD needs fast < slow, got fast {fast} and slow {slow}", nameof(fast));
        _fast = new ExponentialMovingAverage(fast);
        _slow = new ExponentialMovingAverage(slow);
        _signal = new ExponentialMovingAverage(signal);
        _fastSkip = independentSeed ? 0 : slow - fast;
        _independentSeed = independentSeed;
        SetOutputWarmUpPeriod(1, slow + signal - 1);
        SetOutputWarmUpPeriod(2, slow + signal - 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(double value)
    {
        _slow.Update(value);
        if (_count < _fastSkip) _count++;
        else _fast.Update(value);
        if (!_slow.IsReady) return;
        double macd = _fast.Value - _slow.Value;
        _signal.Update(macd);
        if (_independentSeed) Values[0] = macd;
        if (!_signal.IsReady) return;
        Values[0] = macd;
        Values[1] = _signal.Value;
        Values[2] = macd - _signal.Value;
    }

    protected override void ResetState()
    {
        _fast.Reset();
        _slow.Reset();
        _signal.Reset();
        _count = 0;
    }
}
