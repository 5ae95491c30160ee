using System.Runtime.CompilerServices;

namespace Baton.Core.Signals;

/// <summary>
/// Turns indicator values into signal events. The engine calls <see cref="Evaluate"/> once per candle, after
/// the indicators, with the symbol's value slots; the result goes in the signal's own slot: 1 when the event
/// fired on this candle, 0 when not, NaN while an input is not ready.
/// </summary>
public abstract class SignalComponent
{
    /// <summary>Candles of ready inputs needed before the signal can fire (a cross needs a previous side: 2).</summary>
    public abstract int WarmUpPeriod { get; }

    /// <summary>This candle's value of the signal from the graph's slots. Overrides are inlined into the compiled graph:
    /// see <see cref="Indicators.Indicator.Update(in Market.Candle)"/>.</summary>
    public abstract double Evaluate(double[] slots);

    public abstract void Reset();
}

/// <summary>Sign of (a − b) where values equal within a relative 1e-12 count as equal (0).</summary>
public static class CrossSide
{
    public const double Tolerance = 1e-12;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Of(double a, double b)
    {
        double diff = a - b;
        double absA = Math.Abs(a), absB = Math.Abs(b);
        double scale = absA > absB ? absA : absB;   // a plain compare: Math.Max's NaN and -0 rules cannot change the outcome here
        if (Math.Abs(diff) <= Tolerance * scale) return 0;
        return diff > 0 ? 1 : -1;
    }
}
