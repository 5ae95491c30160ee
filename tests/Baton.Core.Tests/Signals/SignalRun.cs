using Baton.Core.Market;
using Baton.Core.Signals;

namespace Baton.Core.Tests.Signals;

/// <summary>Feeds hand-made inputs to a signal, one Evaluate per candle, and collects what it returned.</summary>
internal static class SignalRun
{
    /// <summary>Slots of one candle: the price fields in <see cref="PriceField"/> order (close, open, high, low, ...).</summary>
    public static double[] Candle(double open, double high, double low, double close)
    {
        var slots = new double[8];
        slots[(int)PriceField.Open] = open;
        slots[(int)PriceField.High] = high;
        slots[(int)PriceField.Low] = low;
        slots[(int)PriceField.Close] = close;
        slots[(int)PriceField.Volume] = 1000;
        return slots;
    }

    /// <summary>Evaluates the signal on candles given as (open, high, low, close).</summary>
    public static double[] Candles(SignalComponent signal, params (double O, double H, double L, double C)[] candles) =>
        [.. candles.Select(c => signal.Evaluate(Candle(c.O, c.H, c.L, c.C)))];

    /// <summary>Evaluates the signal on rows of slot values (slot i of a row is column i).</summary>
    public static double[] Rows(SignalComponent signal, params double[][] rows) => [.. rows.Select(signal.Evaluate)];

    /// <summary>Evaluates a one-slot signal on a series.</summary>
    public static double[] Series(SignalComponent signal, params double[] values) => [.. values.Select(v => signal.Evaluate([v]))];

    /// <summary>Expected outputs written with N for NaN (not ready), 1 fired, 0 not.</summary>
    public const double N = double.NaN;
}
