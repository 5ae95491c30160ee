using Baton.Core.Market;
using Baton.Core.Signals;
using Baton.Core.Tests.Indicators;

namespace Baton.Core.Tests.Signals;

/// <summary>
/// One way to build a catalogued signal for the contract tests: its required arguments filled, every series argument
/// given its own slot after the price fields, and one choice word. The series fed to those slots oscillate around 0
/// (close minus its mean over a window of its own), so levels at 0, crosses, channels and streaks all happen.
/// </summary>
public sealed class SignalCase
{
    /// <summary>Slots 0..7 are the price fields; series arguments take 8, 9, ...</summary>
    public const int FirstSeriesSlot = 8;

    private SignalCase(SignalDescriptor descriptor, SignalValues values, Dictionary<string, int> slots)
    {
        Descriptor = descriptor;
        Values = values;
        Slots = slots;
    }

    public SignalDescriptor Descriptor { get; }
    public SignalValues Values { get; }

    /// <summary>Series name to slot (the names are <c>s8</c>, <c>s9</c>, ...).</summary>
    public Dictionary<string, int> Slots { get; }

    public int Width => FirstSeriesSlot + Slots.Count;

    /// <summary>The slots the signal declares it reads: its series, and open, high, low, close when it reads the candle.</summary>
    public IReadOnlySet<int> Declared => Descriptor.ReadsCandle
        ? new HashSet<int>(Slots.Values) { (int)PriceField.Open, (int)PriceField.High, (int)PriceField.Low, (int)PriceField.Close }
        : new HashSet<int>(Slots.Values);

    public SignalComponent Build() => Descriptor.Build(Values, name => Slots.GetValueOrDefault(name, -1));

    public override string ToString() =>
        $"{Descriptor.Name}({string.Join(", ", Values.Numbers.Select(n => $"{n.Key}={n.Value}").Concat(Values.Choices.Select(c => $"{c.Key}={c.Value}")))})";

    /// <summary>The type with each word of each choice argument in turn (the default words when it has none).</summary>
    public static IEnumerable<SignalCase> For(SignalDescriptor d)
    {
        var words = d.Arguments.Where(a => a.Kind == SignalArgumentKind.Choice)
            .SelectMany(a => a.Choices.Select(w => (a.Name, Word: w))).ToList();
        if (words.Count == 0) yield return Create(d, null);
        foreach (var word in words) yield return Create(d, word);
    }

    private static SignalCase Create(SignalDescriptor d, (string Name, string Word)? choice)
    {
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        var series = new Dictionary<string, string>(StringComparer.Ordinal);
        var numbers = new Dictionary<string, double>(StringComparer.Ordinal);
        var choices = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in d.Arguments)
        {
            if (a.Kind == SignalArgumentKind.Series)
            {
                string name = "s" + (FirstSeriesSlot + slots.Count);
                slots[name] = FirstSeriesSlot + slots.Count;
                series[a.Name] = name;
            }
            else if (a is { Kind: SignalArgumentKind.Number, Required: true })
                numbers[a.Name] = a.IsInteger ? Math.Max(a.Min, 3) : Math.Clamp(0, a.Min, a.Max);
            else if (a is { Kind: SignalArgumentKind.Choice, Required: true }) choices[a.Name] = a.Choices[0];
        }
        if (choice is { } c) choices[c.Name] = c.Word;
        return new SignalCase(d, new SignalValues(series, numbers, choices), slots);
    }

    /// <summary>The slot rows of a candle file: price fields, then series slot j holding close minus its mean over the
    /// last 3 + 4j candles (an expanding mean at the start, so every input is ready from the first candle).</summary>
    public double[][] Rows(MarketData data)
    {
        var rows = new double[data.Length][];
        for (int i = 0; i < data.Length; i++)
        {
            var c = data.Candles[i];
            var row = rows[i] = new double[Width];
            row[(int)PriceField.Close] = c.Close;
            row[(int)PriceField.Open] = c.Open;
            row[(int)PriceField.High] = c.High;
            row[(int)PriceField.Low] = c.Low;
            row[(int)PriceField.Volume] = c.Volume;
            row[(int)PriceField.Hl2] = (c.High + c.Low) / 2;
            row[(int)PriceField.Hlc3] = (c.High + c.Low + c.Close) / 3;
            row[(int)PriceField.Ohlc4] = (c.Open + c.High + c.Low + c.Close) / 4;
            for (int j = 0; j < Slots.Count; j++)
            {
                int window = Math.Min(i + 1, 3 + 4 * j);
                double mean = 0;
                for (int k = i - window + 1; k <= i; k++) mean += data.Close[k];
                row[FirstSeriesSlot + j] = c.Close - mean / window;
            }
        }
        return rows;
    }

    /// <summary>Evaluates the signal on each row in turn.</summary>
    public static double[] Run(SignalComponent signal, double[][] rows) => [.. rows.Select(signal.Evaluate)];
}
