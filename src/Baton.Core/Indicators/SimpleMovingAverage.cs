using System.Runtime.CompilerServices;

namespace Baton.Core.Indicators;

/// <summary>
/// Simple moving average: the arithmetic mean of the last <c>period</c> inputs. Warm-up: <c>period</c>.
/// Keeps a running sum (one add of <c>new − oldest</c> per input), re-summed from the window each time the
/// window wraps, so rounding cannot drift and the error of a huge value ends when it leaves the window
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(double value)
    {
        var window = _window;
        int next = _next;
        if (_count == window.Length)
        {
            _sum += value - window[next];
        }
        else
        {
            _count++;
            _sum += value;
        }
        window[next] = value;
        if (++next == window.Length)
        {
            next = 0;
            _sum = ExactSum();
        }
        _next = next;
        if (_count == window.Length) Values[0] = _sum / window.Length;
    }

    /// <summary>The window's sum in two interleaved chains (half the latency of one).</summary>
    private double ExactSum()
    {
        var window = _window.AsSpan(0, _count);
        double even = 0, odd = 0;
        int i = 0;
        for (; i + 1 < window.Length; i += 2)
        {
            even += window[i];
            odd += window[i + 1];
        }
        if (i < window.Length) even += window[i];
        return even + odd;
    }

    protected override void ResetState()
    {
        _next = 0;
        _count = 0;
        _sum = 0;
    }
}
