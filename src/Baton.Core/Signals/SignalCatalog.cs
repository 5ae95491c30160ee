namespace Baton.Core.Signals;

/// <summary>The list of signal types. Add a type here and it is known to YAML, the engine, the CLI and the contract
/// test.</summary>
internal static class SignalCatalog
{
    /// <summary>The longest window of any signal, in bars, as for indicators.</summary>
    private const double MaxBars = 100_000;

    /// <summary>The largest magnitude of a level: the bound of every number in a strategy file.</summary>
    private const double MaxMagnitude = 1e15;

    public static SignalDescriptor[] Build() =>
    [
        Signal("crossover", "The above series crosses above the below series", false,
            [Series("above", "the series that crosses upward", required: true), Series("below", "the series it crosses", required: true)],
            _ => 2, a => new CrossoverSignal(a.Slot("above"), a.Slot("below"))),
        Signal("threshold", "The input crosses a fixed level", false,
            [Series("input", "the series that crosses", required: true),
             Real("level", double.NaN, -MaxMagnitude, MaxMagnitude, "the level crossed", required: true),
             Choice("direction", ["above", "below"], "above", "upward (above) or downward (below)")],
            _ => 2, a => new ThresholdSignal(a.Slot("input"), a.Number("level"), a.Choice("direction") == "above")),
        Signal("breakout", "The input moves beyond the previous candle's channel", false,
            [Series("input", "the series that breaks out", fallback: "close"), Series("upper", "the channel's upper series"),
             Series("lower", "the channel's lower series"), Choice("direction", ["up", "down", "any"], "any", "which edge to watch")],
            _ => 3, a => new BreakoutSignal(a.Slot("input"), a.OptionalSlot("upper"), a.OptionalSlot("lower"), Direction(a)))
            with { Rule = BreakoutChannel },
        Streak("rising", "The input rose on each of the last N candles (N = bars)", rising: true),
        Streak("falling", "The input fell on each of the last N candles (N = bars)", rising: false),
        Signal("divergence", "Price makes a new extreme the oscillator does not confirm", false,
            [Series("price", "the price series", fallback: "close"), Series("oscillator", "the oscillator", required: true),
             Bars("lookback", "previous candles the current one is compared with"),
             Choice("direction", ["bullish", "bearish"], null, "lower low with a higher oscillator (bullish) or the mirror")],
            a => a.Integer("lookback") + 1,
            a => new DivergenceSignal(a.Slot("price"), a.Slot("oscillator"), a.Integer("lookback"), a.Choice("direction") == "bullish")),
        Signal("engulfing", "The candle's body covers the previous opposite-coloured body", true,
            [Choice("direction", ["bullish", "bearish"], null, "a white body over a black one (bullish) or the mirror")],
            _ => 2, a => new EngulfingSignal(a.Choice("direction") == "bullish")),
        Signal("hammer", "Small body on top, long lower shadow", true,
            [Real("shadow_ratio", HammerSignal.DefaultShadowRatio, 0, MaxMagnitude, "least lower shadow, in real bodies"),
             Fraction("max_upper_shadow", HammerSignal.DefaultMaxUpperShadow, "largest upper shadow, of the range")],
            _ => 1, a => new HammerSignal(a.Number("shadow_ratio"), a.Number("max_upper_shadow"))),
        Signal("doji", "Open and close (nearly) equal", true,
            [Fraction("max_body", DojiSignal.DefaultMaxBody, "largest real body, of the range")],
            _ => 1, a => new DojiSignal(a.Number("max_body"))),
        Star("morning_star", "Three-candle bullish reversal", morning: true),
        Star("evening_star", "Three-candle bearish reversal", morning: false),
    ];

    private static SignalDescriptor Signal(string name, string title, bool readsCandle, SignalArgument[] arguments,
        Func<SignalArguments, int> warmUp, Func<SignalArguments, SignalComponent> create) =>
        new(name, title, readsCandle, arguments, warmUp, create);

    private static SignalDescriptor Streak(string name, string title, bool rising) =>
        Signal(name, title, false,
            [Series("input", "the series to watch", fallback: "close"), Bars("bars", "consecutive changes that make the signal")],
            a => a.Integer("bars") + 1, a => new StreakSignal(a.Slot("input"), a.Integer("bars"), rising));

    private static SignalDescriptor Star(string name, string title, bool morning) =>
        Signal(name, title, true, [Fraction("star_body", StarSignal.DefaultStarBody, "largest body of the star, of the first body")],
            _ => 3, a => new StarSignal(morning, a.Number("star_body")));

    private static BreakoutDirection Direction(SignalArguments a) => a.Choice("direction") switch
    {
        "up" => BreakoutDirection.Up,
        "down" => BreakoutDirection.Down,
        _ => BreakoutDirection.Any,
    };

    /// <summary>A breakout needs the channel edge its direction watches: <c>up</c> an upper series, <c>down</c> a
    /// lower one, <c>any</c> (the default) at least one of them.</summary>
    private static IEnumerable<SignalProblem> BreakoutChannel(SignalArguments a)
    {
        string direction = a.Choice("direction");
        if (direction == "up" && !a.HasSeries("upper"))
            yield return new("upper", "missing required key for type breakout with direction up");
        else if (direction == "down" && !a.HasSeries("lower"))
            yield return new("lower", "missing required key for type breakout with direction down");
        else if (direction == "any" && !a.HasSeries("upper") && !a.HasSeries("lower"))
            yield return new("upper", "a breakout needs its channel: upper, lower or both (series ids such as donchian.upper)");
    }

    private static SignalArgument Series(string name, string description, bool required = false, string? fallback = null) =>
        new(name, SignalArgumentKind.Series, description) { Required = required, DefaultSeries = fallback };

    private static SignalArgument Bars(string name, string description) =>
        new(name, SignalArgumentKind.Number, description) { Required = true, Min = 1, Max = MaxBars, IsInteger = true };

    private static SignalArgument Real(string name, double fallback, double min, double max, string description, bool required = false) =>
        new(name, SignalArgumentKind.Number, description) { Required = required, DefaultNumber = fallback, Min = min, Max = max };

    /// <summary>A fraction between 0 and 1 (YAML also takes a percentage: <c>5%</c>).</summary>
    private static SignalArgument Fraction(string name, double fallback, string description) =>
        Real(name, fallback, 0, 1, description);

    private static SignalArgument Choice(string name, string[] choices, string? fallback, string description) =>
        new(name, SignalArgumentKind.Choice, description) { Required = fallback is null, Choices = choices, DefaultChoice = fallback };
}
