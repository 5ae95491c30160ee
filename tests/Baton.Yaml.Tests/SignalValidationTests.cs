using System.Globalization;
using Baton.Core.Signals;

namespace Baton.Yaml.Tests;

public class SignalValidationTests
{
    private static string Strategy(string signal) => $$"""
        name: t
        symbols: [X]
        timeframe: 1d
        dependencies:
          indicators:
            - { id: ch, type: donchian, period: 20 }
            - { id: rsi, type: rsi, period: 14 }
          signals:
            - {{signal}}
        """;

    private static IReadOnlyList<StrategyError> Errors(string signal) =>
        Assert.Throws<StrategyValidationException>(() => StrategyLoader.LoadFromText(Strategy(signal), "s.yaml")).Errors;

    [Theory]
    [InlineData("{ id: s, type: breakout, direction: up }", "signals[0].upper", "missing required key for type breakout with direction up")]
    [InlineData("{ id: s, type: breakout, lower: ch.lower, direction: up }", "signals[0].upper", "missing required key")]
    [InlineData("{ id: s, type: breakout, upper: ch.upper, direction: down }", "signals[0].lower", "missing required key")]
    [InlineData("{ id: s, type: breakout }", "signals[0].upper", "a breakout needs its channel")]
    [InlineData("{ id: s, type: breakout, upper: ch.uper }", "signals[0].upper", "unknown name 'ch.uper'")]
    [InlineData("{ id: s, type: breakout, upper: ch.upper, direction: upward }", "signals[0].direction", "expected one of up, down, any")]
    [InlineData("{ id: s, type: rising }", "signals[0].bars", "missing required key for type rising")]
    [InlineData("{ id: s, type: falling, bars: 0 }", "signals[0].bars", "expected a value between 1 and 100000, got 0")]
    [InlineData("{ id: s, type: rising, bars: 2.5 }", "signals[0].bars", "expected an integer")]
    [InlineData("{ id: s, type: rising, bars: 2, input: rsx }", "signals[0].input", "unknown name 'rsx'")]
    [InlineData("{ id: s, type: divergence, lookback: 10, direction: bullish }", "signals[0].oscillator", "missing required key")]
    [InlineData("{ id: s, type: divergence, oscillator: rsi, lookback: 10, direction: bullish, price: clos }", "signals[0].price", "unknown name 'clos'")]
    [InlineData("{ id: s, type: divergence, oscillator: rsi, lookback: 10, direction: bulish }", "signals[0].direction", "did you mean 'bullish'?")]
    [InlineData("{ id: s, type: engulfing }", "signals[0].direction", "missing required key for type engulfing")]
    [InlineData("{ id: s, type: doji, max_body: 1.5 }", "signals[0].max_body", "expected a value between 0% and 100%")]
    [InlineData("{ id: s, type: hammer, shadow_ratio: -1 }", "signals[0].shadow_ratio", "expected a value >= 0")]
    [InlineData("{ id: s, type: hammer, period: 3 }", "signals[0].period", "unknown key")]
    [InlineData("{ id: s, type: morning_star, star_body: abc }", "signals[0].star_body", "expected a percentage")]
    [InlineData("{ id: s, type: morningstar }", "signals[0].type", "did you mean 'morning_star'?")]
    public void A_bad_signal_is_reported_with_its_path(string signal, string path, string message)
    {
        var e = Assert.Single(Errors(signal));
        Assert.Equal("dependencies." + path, e.Path);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fractions_are_stored_as_numbers_and_defaults_are_left_to_the_engine()
    {
        var s = StrategyLoader.LoadFromText(Strategy("{ id: s, type: doji, max_body: 5% }"), "s.yaml");
        Assert.Equal(0.05, s.Signals[0].Arguments.Numbers["max_body"]);
        var b = StrategyLoader.LoadFromText(Strategy("{ id: s, type: breakout, upper: ch.upper, lower: ch.lower }"), "s.yaml");
        Assert.False(b.Signals[0].Arguments.Choices.ContainsKey("direction"));
    }

    public static TheoryData<string> Types() => [.. SignalRegistry.Descriptors.Select(d => d.Name)];

    [Theory, MemberData(nameof(Types))]
    public void Every_catalogued_type_loads_with_its_arguments_typed(string type)
    {
        Assert.True(SignalRegistry.TryGet(type, out var d));
        var fields = d.Arguments.Where(a => a.Required || a.Kind == SignalArgumentKind.Series).Select(a => a.Kind switch
        {
            SignalArgumentKind.Series => (a.Name, Text: "rsi"),
            SignalArgumentKind.Number => (a.Name, Text: a.IsInteger ? "3" : "2.5"),
            _ => (a.Name, Text: a.Choices[^1]),
        }).ToList();
        string yaml = $"{{ id: s, type: {type}{string.Concat(fields.Select(f => $", {f.Name}: {f.Text}"))} }}";
        var spec = Assert.Single(StrategyLoader.LoadFromText(Strategy(yaml), "s.yaml").Signals);
        Assert.Equal(type, spec.Type);
        foreach (var (name, text) in fields)
        {
            var a = d.FindArgument(name)!;
            if (a.Kind == SignalArgumentKind.Series) Assert.Equal(text, spec.Arguments.Series[name]);
            else if (a.Kind == SignalArgumentKind.Number) Assert.Equal(double.Parse(text, CultureInfo.InvariantCulture), spec.Arguments.Numbers[name]);
            else Assert.Equal(text, spec.Arguments.Choices[name]);
        }
        Assert.Equal(fields.Count, spec.Arguments.Series.Count + spec.Arguments.Numbers.Count + spec.Arguments.Choices.Count);
        Assert.Empty(d.Check(spec.Arguments));
    }
}
