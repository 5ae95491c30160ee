namespace Baton.Core.Indicators;

/// <summary>
/// Simple moving average: the arithmetic mean of the last <c>period</c> inputs. Warm-up: <c>period</c>.
/// Keeps a running sum, re-summed exactly each time the window wraps so rounding cannot drift
/// (amortised O(1)). Matches TA-Lib <c>SMA</c>.
/// </summary>
public sealed class SimpleMovingAverage : SeriesIndicator
{
    private readonly double[] _window;
    private int _next;
    private int _count;
    private double _sum;

    public SimpleMovingAverage(int period) : base(period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _window = new double[period];
    }

    public int Period => _window.Length;

    public override void Update(double value)
    {
        if (_count == _window.Length) _sum -= _window[_next];
        else _count++;
        _window[_next] = value;
        _sum += value;
        if (++_next == _window.Length)
        {
            _next = 0;
            _sum = ExactSum();
        }
        if (_count == _window.Length) Values[0] = _sum / _window.Length;
    }

    private double ExactSum()
    {
        double sum = 0;
        for (int i = 0; i < _count; i++) sum += _window[i];
        return sum;
    }

    protected override void ResetState()
    {
        _next = 0;
        _count = 0;
        _sum = 0;
    }
}
