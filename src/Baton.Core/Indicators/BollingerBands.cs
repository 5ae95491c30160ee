using System.Runtime.CompilerServices;

namespace Baton.Core.Indicators;

/// <summary>
/// Bollinger bands (John Bollinger, 1980s), in the units of their input. Outputs: <c>upper</c> = middle +
/// k · σ, <c>middle</c> = SMA(period), <c>lower</c> = middle − k · σ, where σ is the POPULATION standard
/// deviation (divide by period) of the same window and k the <c>stddev</c> parameter. Warm-up:
/// <c>period</c>. Matches TA-Lib <c>BBANDS</c> with matype SMA.
/// </summary>
public sealed class BollingerBands : SeriesIndicator
{
    private readonly RollingMoments _moments;
    private readonly double _width;

    public BollingerBands(int period, double width) : base(period, 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        _moments = new RollingMoments(period);
        _width = width;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(double value)
    {
        _moments.Add(value);
        if (!_moments.IsFull) return;
        double middle = _moments.Mean;
        double offset = _moments.StandardDeviation * _width;
        Values[0] = middle + offset;
        Values[1] = middle;
        Values[2] = middle - offset;
    }

    protected override void ResetState() => _moments.Clear();
}
