using System.Runtime.CompilerServices;

namespace Baton.Core.Indicators;

/// <summary>
/// Population standard deviation (divide by <c>period</c>) of the last <c>period</c> inputs, in the units
/// of the input; 0 when the variance is below 1e-14. Warm-up: <c>period</c>. Matches the definition of
/// TA-Lib <c>STDDEV</c> with nbdev = 1 (and the σ of <see cref="BollingerBands"/>).
/// </summary>
public sealed class StandardDeviation : SeriesIndicator
{
    private readonly RollingMoments _moments;

    public StandardDeviation(int period) : base(period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _moments = new RollingMoments(period);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(double value)
    {
        _moments.Add(value);
        if (_moments.IsFull) Values[0] = _moments.StandardDeviation;
    }

    protected override void ResetState() => _moments.Clear();
}
