using System.Runtime.CompilerServices;
using Baton.Core.Market;

namespace Baton.Core.Indicators;

/// <summary>
/// Ultimate oscillator (Larry Williams, 1985), 0..100. Buying pressure BP = close − min(low, previous close),
/// true range TR as <see cref="TrueRange"/>; A_p = ΣBP / ΣTR over the last p bars for the three periods
/// sorted shortest first; UO = 100 · (4 · A_short + 2 · A_mid + A_long) / 7, a term whose ΣTR is ~0 counting
/// 0. Warm-up: longest period + 1 (the first bar has no previous close). Definition: TA-Lib <c>ULTOSC</c>.
/// Sums over one shared ring, recomputed exactly when it wraps.
/// </summary>
public sealed class UltimateOscillator : Indicator
{
    private readonly int[] _periods;
    private readonly double[] _pressureSums = new double[3];
    private readonly double[] _rangeSums = new double[3];
    private readonly RingBuffer _pressures;
    private readonly RingBuffer _ranges;
    private double _previousClose;
    private bool _hasPrevious;

    public UltimateOscillator(int shortPeriod, int mediumPeriod, int longPeriod)
        : base(Math.Max(shortPeriod, Math.Max(mediumPeriod, longPeriod)) + 1)
    {
        _periods = [shortPeriod, mediumPeriod, longPeriod];
        Array.Sort(_periods);
        ArgumentOutOfRangeException.ThrowIfLessThan(_periods[0], 1);
        _pressures = new RingBuffer(_periods[2] + 1);
        _ranges = new RingBuffer(_periods[2] + 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(in Candle candle)
    {
        double previousClose = _previousClose;
        _previousClose = candle.Close;
        if (!_hasPrevious)
        {
            _hasPrevious = true;
            return;
        }
        _pressures.Push(candle.Close - Math.Min(candle.Low, previousClose));
        _ranges.Push(TrueRange.Of(candle.High, candle.Low, previousClose));
        if (_pressures.Wrapped) Resum();
        else Slide();
        if (_pressures.Count < _periods[2]) return;
        Values[0] = 100.0 * ((4.0 * Ratio(0) + 2.0 * Ratio(1) + Ratio(2)) / 7.0);
    }

    private double Ratio(int k) => Precision.IsZero(_rangeSums[k]) ? 0.0 : _pressureSums[k] / _rangeSums[k];

    private void Slide()
    {
        for (int k = 0; k < 3; k++)
        {
            _pressureSums[k] += _pressures[0];
            _rangeSums[k] += _ranges[0];
            if (_pressures.Count <= _periods[k]) continue;
            _pressureSums[k] -= _pressures[_periods[k]];
            _rangeSums[k] -= _ranges[_periods[k]];
        }
    }

    private void Resum()
    {
        for (int k = 0; k < 3; k++)
        {
            int n = Math.Min(_pressures.Count, _periods[k]);
            double pressure = 0, range = 0;
            for (int age = 0; age < n; age++)
            {
                pressure += _pressures[age];
                range += _ranges[age];
            }
            _pressureSums[k] = pressure;
            _rangeSums[k] = range;
        }
    }

    protected override void ResetState()
    {
        _pressures.Clear();
        _ranges.Clear();
        Array.Clear(_pressureSums);
        Array.Clear(_rangeSums);
        _previousClose = 0;
        _hasPrevious = false;
    }
}
