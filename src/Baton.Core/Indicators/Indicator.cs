using Baton.Core.Market;

namespace Baton.Core.Indicators;

/// <summary>
/// A streaming indicator: one <see cref="Update(in Candle)"/> per bar, O(1) and allocation-free after
/// construction. Outputs are NaN until the indicator has seen <see cref="WarmUpPeriod"/> inputs; NaN inside
/// Core only ever means "not ready". Multi-output indicators name their outputs in the registry, in the
/// order of <see cref="this[int]"/>.
/// </summary>
public abstract class Indicator
{
    /// <summary>Current output values, NaN while not ready. Index 0 is the primary output.</summary>
    protected readonly double[] Values;

    private readonly int[] _outputWarmUps;

    protected Indicator(int warmUpPeriod, int outputCount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(warmUpPeriod, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputCount, 1);
        WarmUpPeriod = warmUpPeriod;
        Values = new double[outputCount];
        Array.Fill(Values, double.NaN);
        _outputWarmUps = new int[outputCount];
        Array.Fill(_outputWarmUps, warmUpPeriod);
    }

    /// <summary>How many inputs the indicator must see before its primary output is first valid
    /// (TA-Lib's lookback + 1: SMA(10) is 10, RSI(14) is 15).</summary>
    public int WarmUpPeriod { get; }

    /// <summary>How many inputs output <paramref name="output"/> needs before it is first valid. Equal to
    /// <see cref="WarmUpPeriod"/> unless the indicator says otherwise (MACD's signal line, Ichimoku's spans).</summary>
    public int OutputWarmUpPeriod(int output) => _outputWarmUps[output];

    /// <summary>True once the primary output holds a value.</summary>
    public bool IsReady => !double.IsNaN(Values[0]);

    /// <summary>The primary output; NaN until ready.</summary>
    public double Value => Values[0];

    /// <summary>Number of outputs.</summary>
    public int OutputCount => Values.Length;

    /// <summary>Output <paramref name="output"/>; NaN until that output is ready.</summary>
    public double this[int output] => Values[output];

    /// <summary>Feeds one bar. Series indicators read their input from it (close unless a source is set).</summary>
    /// <remarks>Every override is marked <see cref="System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining"/>
    /// (as are the series and signal updates): the engine's compiled graph calls each once per candle and should
    /// run as one method, and the CLI runs without profile-guided optimisation, whose boost of hot call sites is
    /// what got them inlined otherwise (the SMA example's engine, thread CPU, profile-guided optimisation off:
    /// about 62-64 ns per candle without the attribute, 57-60 with it; bench/README.md, issue 19).</remarks>
    public abstract void Update(in Candle candle);

    /// <summary>Forgets every input seen; the indicator is as newly constructed.</summary>
    public void Reset()
    {
        Array.Fill(Values, double.NaN);
        ResetState();
    }

    /// <summary>Declares that output <paramref name="output"/> (not the primary one) becomes valid after
    /// <paramref name="warmUpPeriod"/> inputs. Call from the constructor only.</summary>
    protected void SetOutputWarmUpPeriod(int output, int warmUpPeriod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(output, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(warmUpPeriod, 1);
        _outputWarmUps[output] = warmUpPeriod;
    }

    /// <summary>Clears the indicator's own state; outputs are already NaN.</summary>
    protected abstract void ResetState();
}

/// <summary>
/// An indicator of one input series (a price field or another indicator's output). The engine feeds it
/// through <see cref="Update(double)"/>; <see cref="Update(in Candle)"/> feeds the close.
/// </summary>
public abstract class SeriesIndicator : Indicator
{
    protected SeriesIndicator(int warmUpPeriod, int outputCount = 1) : base(warmUpPeriod, outputCount)
    {
    }

    /// <summary>Feeds one input value (never NaN: the engine withholds inputs that are not ready). Overrides are
    /// inlined into the compiled graph: see <see cref="Indicator.Update(in Candle)"/>.</summary>
    public abstract void Update(double value);

    public sealed override void Update(in Candle candle) => Update(candle.Close);
}
