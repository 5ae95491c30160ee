using Baton.Core.Indicators;
using Baton.Core.Market;
using Baton.Core.Signals;

namespace Baton.Engine.Compilation;

/// <summary>
/// One indicator in a symbol's graph: where its input comes from and which slots its outputs fill. With a
/// <paramref name="resampler"/> the indicator runs on a higher timeframe: it sees a higher candle only once that
/// candle has closed, and between closes its slots keep the value of the last closed one; its input is then a
/// price field of the higher candle or the whole candle, never another indicator.
/// </summary>
internal sealed class IndicatorNode(Indicator indicator, PriceField field, int inputSlot, int outputSlot,
    CandleResampler? resampler = null)
{
    private readonly SeriesIndicator? _series = indicator as SeriesIndicator;
    private readonly int _outputCount = indicator.OutputCount;

    public Indicator Indicator { get; } = indicator;
    public PriceField Field => @field;
    public int InputSlot => inputSlot;
    public int OutputSlot => outputSlot;

    /// <summary>Runs on a higher timeframe than the strategy's.</summary>
    public bool IsHigher => resampler is not null;

    /// <summary>Feeds the candle to the resampler and, when a higher candle closes, to the indicator, whose outputs
    /// then go to their slots. Nodes on the strategy's own timeframe are run by the compiled graph instead
    /// (<see cref="GraphCompiler"/>).</summary>
    public void UpdateHigher(in Candle candle, double[] slots)
    {
        int closed = resampler!.Add(candle, out var first, out var second);
        if (closed == 0) return;
        Feed(first);
        if (closed == 2) Feed(second);
        for (int o = 0; o < _outputCount; o++) slots[outputSlot + o] = Indicator[o];
    }

    private void Feed(in Candle higher)
    {
        if (_series is null) Indicator.Update(higher);
        else _series.Update(field.Read(higher));
    }
}

/// <summary>
/// A symbol's compiled graph: indicators in dependency order, then signals, all writing into one array of
/// value slots that rules read by index. Slots 0..7 hold the candle's price fields
/// (<see cref="PriceField"/> order).
/// </summary>
internal sealed class SymbolPipeline
{
    private readonly GraphBody _body;
    private readonly object[] _targets;
    private readonly bool _derivedFields;

    /// <param name="derivedFields">Whether anything reads hl2, hlc3 or ohlc4; when nothing does they stay NaN.</param>
    /// <param name="body">The graph's method, from <see cref="GraphCompiler.Compile"/> for a graph of this shape.</param>
    internal SymbolPipeline(int slotCount, IndicatorNode[] indicators, SignalComponent[] signals, bool derivedFields, GraphBody body)
    {
        _derivedFields = derivedFields;
        Slots = new double[slotCount];
        Array.Fill(Slots, double.NaN);
        _body = body;
        _targets = GraphCompiler.Targets(indicators, signals);
    }

    /// <summary>Where this graph's indicator outputs come from when they are computed once for many trials
    /// (<see cref="SharedGraph"/>); null when the graph runs its own indicators.</summary>
    internal SharedSlots? Shared { get; init; }

    /// <summary>The current values: price fields, indicator outputs, signal events (1 fired, 0 not, NaN not ready).</summary>
    public double[] Slots { get; }

    /// <summary>Steps 3 and 4 of the loop: updates every indicator with the candle, then runs the signals.</summary>
    public void Update(in Candle candle)
    {
        var slots = Slots;
        var fields = slots.AsSpan(0, (int)PriceField.Ohlc4 + 1);   // one length check for the eight price slots
        fields[(int)PriceField.Close] = candle.Close;
        fields[(int)PriceField.Open] = candle.Open;
        fields[(int)PriceField.High] = candle.High;
        fields[(int)PriceField.Low] = candle.Low;
        fields[(int)PriceField.Volume] = candle.Volume;
        if (_derivedFields)
        {
            fields[(int)PriceField.Hl2] = candle.Hl2;
            fields[(int)PriceField.Hlc3] = candle.Hlc3;
            fields[(int)PriceField.Ohlc4] = candle.Ohlc4;
        }
        Shared?.CopyInto(slots);
        _body(_targets, candle, slots);   // every indicator in order, then every signal (see GraphCompiler)
    }
}
