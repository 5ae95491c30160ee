using System.Runtime.CompilerServices;

namespace Baton.Core.Indicators;

/// <summary>
/// Z-score of the current input within the last <c>period</c> inputs (itself included), in standard
/// deviations: (x − mean) / σ with the population σ; 0 when σ is 0 (a flat window). Warm-up:
/// <c>period</c>. Standard score as defined in any statistics text; the window matches
/// <see cref="BollingerBands"/>, so z = ±2 sits on the 2σ bands.
/// </summary>
public sealed class ZScore : SeriesIndicator
{
    private readonly RollingMoments _moments;

    public ZScore(int period) : base(period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 2);
        _moments = new RollingMoments(period);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(double value)
    {
        _moments.Add(value);
        if (!_moments.IsFull) return;
        double sigma = _moments.StandardDeviation;
        Values[0] = sigma == 0.0 ? 0.0 : (value - _moments.Mean) / sigma;
    }

    protected override void ResetState() => _moments.Clear();
}
