using System.Runtime.CompilerServices;

namespace Baton.Core.Indicators;

/// <summary>
/// The lowest of the last <c>period</c> inputs, the current one included, in the units of the input.
/// Monotonic deque: amortised O(1). Warm-up: <c>period</c>. Matches TA-Lib <c>MIN</c>.
/// </summary>
public sealed class MovingMinimum : SeriesIndicator
{
    private readonly RollingExtreme _window;

    public MovingMinimum(int period) : base(period)
    {
        _window = new RollingExtreme(period, highest: false);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(double value)
    {
        _window.Add(value);
        if (_window.IsFull) Values[0] = _window.Value;
    }

    protected override void ResetState() => _window.Clear();
}
