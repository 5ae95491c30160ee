using Baton.Engine.Strategy;

namespace Baton.Yaml.Tests;

/// <summary><c>type: external</c> indicators and signals: their keys, their names in rules, and their errors.</summary>
public class ExternalComponentTests
{
    private static string Strategy(string dependencies, string when = "ml and z.upper > 0") => $$"""
        name: ext
        symbols: [AAA]
        timeframe: 1h
        parameters: { lookback: 20 }
        dependencies:
        {{string.Join('\n', dependencies.Trim().Split('\n').Select(l => "  " + l))}}
        entry:
          - { when: "{{when}}", action: buy }
        """;

    private const string Both = """
        indicators:
          - id: z
            type: external
            command: python3 "my z.py" --fast
            params: { lookback: "${lookback}", name: abc, quoted: "12", nested: { a: [1, x] } }
            outputs: [upper, lower]
            timeout: 1.5m
            on_error: fail
            data: source
            query: SELECT 1
            database: postgresql://u@h/db
            live: stream
            window: 50
          - { id: smooth, type: sma, period: 3, source: z.lower }
        signals:
          - { id: ml, type: external, command: ./ml, outputs: [exit] }
          - { id: up, type: threshold, input: z, level: 1 }
        """;

    private static IReadOnlyList<StrategyError> Errors(string text) =>
        Assert.Throws<StrategyValidationException>(() => StrategyLoader.LoadFromText(text, "s.yaml")).Errors;

    [Fact]
    public void Every_key_maps_to_the_component_spec()
    {
        var s = StrategyLoader.LoadFromText(Strategy(Both, "ml.exit or ml.long and z.upper > smooth and up and ml.strength > 0"), "s.yaml");
        Assert.Equal(["smooth"], s.Indicators.Select(i => i.Id));
        Assert.Equal(["up"], s.Signals.Select(i => i.Id));
        var z = s.Components[0];
        Assert.Equal(new ComponentSpec("z", ComponentKind.Indicator, "python3 \"my z.py\" --fast", new SourceLocation("s.yaml", 7, 7)),
            new ComponentSpec(z.Id, z.Kind, z.Command, z.Location));
        Assert.Equal("""{"lookback":20,"name":"abc","quoted":"12","nested":{"a":[1,"x"]}}""", z.ParametersJson);
        Assert.Equal(["upper", "lower"], z.Outputs);
        Assert.Equal(TimeSpan.FromSeconds(90), z.Timeout);
        Assert.Equal(ComponentErrorPolicy.Fail, z.OnError);
        Assert.Equal(ComponentDataMode.Source, z.Data);
        Assert.Equal("SELECT 1", z.Query);
        Assert.Equal("postgresql://u@h/db", z.Database);
        Assert.Equal(LiveComponentMode.Stream, z.Live);
        Assert.Equal(50, z.WindowBars);
        Assert.Equal(["z", "z.lower"], z.SlotNames);
        var ml = s.Components[1];
        Assert.Equal(ComponentKind.Signal, ml.Kind);
        Assert.Equal(["ml", "ml.long", "ml.short", "ml.direction", "ml.strength", "ml.exit"], ml.SlotNames);
        Assert.Equal(ComponentSpec.DefaultTimeout, ml.Timeout);
        Assert.Equal(ComponentErrorPolicy.Skip, ml.OnError);
    }

    [Fact]
    public void An_indicator_without_outputs_has_one_named_value()
    {
        var s = StrategyLoader.LoadFromText(Strategy("indicators:\n  - { id: e, type: external, command: x }", "e > 1 and e.value > 1"), "s.yaml");
        Assert.Equal(["value"], s.Components[0].ValueNames);
    }

    [Fact]
    public void Errors_name_the_key_and_what_was_expected()
    {
        var errors = Errors(Strategy("""
            indicators:
              - { id: a, type: external, comand: x }
              - { id: b, type: external, command: x, timeout: soon, on_error: ignore, outputs: [ok, ok, 9x], window: 0 }
              - { id: c, type: external, command: "  ", params: [1, 2], live: batch, data: file }
            signals:
              - { id: d, type: external, command: x, outputs: [long] }
              - { id: b, type: external, command: x }
            """, "a > 0"));
        Assert.Equal(
        [
            "s.yaml:7:7: dependencies.indicators[0].command: missing required key",
            "s.yaml:7:32: dependencies.indicators[0].comand: unknown key 'comand'; did you mean 'command'? (known: id, type, command, params, timeout, on_error, outputs, data, query, database, live, window)",
            "s.yaml:8:53: dependencies.indicators[1].timeout: expected a duration such as 500ms, 30s, 2m (at most 24h), got \"soon\"",
            "s.yaml:8:69: dependencies.indicators[1].on_error: expected one of skip, fail, got \"ignore\"",
            "s.yaml:8:91: dependencies.indicators[1].outputs[1]: output 'ok' is listed twice",
            "s.yaml:8:95: dependencies.indicators[1].outputs[2]: '9x' is not a valid output name (letters, digits, _; not starting with a digit)",
            "s.yaml:8:108: dependencies.indicators[1].window: expected a value between 1 and 1000000, got 0",
            "s.yaml:9:41: dependencies.indicators[2].command: expected a program to run, got an empty command",
            "s.yaml:9:55: dependencies.indicators[2].params: expected a mapping (key: value lines), got a list",
            "s.yaml:9:69: dependencies.indicators[2].live: expected one of window, stream, got \"batch\"",
            "s.yaml:9:82: dependencies.indicators[2].data: expected one of window, source, got \"file\"",
            "s.yaml:11:54: dependencies.signals[0].outputs[0]: 'long' is a field every external signal has (long, short, direction, strength); choose another name",
            "s.yaml:12:13: dependencies.signals[1].id: duplicate id 'b'",
        ], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_command_with_an_open_quote_is_an_error_before_anything_runs()
    {
        var error = Assert.Single(Errors(Strategy("indicators:\n  - { id: e, type: external, command: \"python3 'my z.py\" }", "e > 0")));
        Assert.Equal("s.yaml:7:41: dependencies.indicators[0].command: unterminated ' quote starting at character 9 in \"python3 'my z.py\"",
            error.ToString());
    }

    [Fact]
    public void A_rule_reading_an_undeclared_output_is_an_error()
    {
        var errors = Errors(Strategy("indicators:\n  - { id: e, type: external, command: x, outputs: [a] }", "e.b > 0"));
        Assert.Contains("unknown name 'e.b'", Assert.Single(errors).Message, StringComparison.Ordinal);
    }
}
