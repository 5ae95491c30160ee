using System.Text;
using Baton.Engine.Components;
using Baton.Engine.Compilation;
using Baton.Yaml;

namespace Baton.Components.Tests;

public class LineParserTests
{
    private static (LineParser Parser, ComponentSeries[] Series) Parser(string component, string kind = "indicators", string symbols = "AAA, BBB")
    {
        string yaml = $$"""
            name: t
            symbols: [{{symbols}}]
            timeframe: 1h
            dependencies:
              {{kind}}:
                - {{component}}
            """;
        var compiled = StrategyCompiler.Compile(StrategyLoader.LoadFromText(yaml, "t.yaml"));
        var c = compiled.Components[0];
        var series = compiled.Definition.Symbols.Select(_ => new ComponentSeries(c)).ToArray();
        return (new LineParser(c, compiled.Definition.Symbols, series), series);
    }

    private static string? Parse(LineParser p, string line) => p.Parse(Encoding.UTF8.GetBytes(line));

    [Fact]
    public void An_indicator_line_lands_in_its_symbols_series_with_nulls_as_NaN()
    {
        var (p, series) = Parser("{ id: b, type: external, command: x, outputs: [upper, lower] }");
        Assert.Null(Parse(p, """{"ts":"2024-01-01T01:00:00Z","symbol":"BBB","values":{"lower":1.5,"upper":null}}"""));
        Assert.Equal(0, series[0].Count);
        Assert.Equal(1_704_070_800_000, series[1].TimeAt(0));
        Assert.True(double.IsNaN(series[1].RowAt(0)[0]));
        Assert.Equal(1.5, series[1].RowAt(0)[1]);
    }

    [Fact]
    public void A_signal_line_keeps_name_direction_and_strength_with_defaults()
    {
        var (p, series) = Parser("{ id: s, type: external, command: x, outputs: [exit] }", "signals", "AAA");
        Assert.Null(Parse(p, """{"ts":1704067200000,"signal":"s"}"""));
        Assert.Null(Parse(p, """{"ts":1704067200000,"symbol":"AAA","signal":"exit","direction":"short","strength":0.25}"""));
        Assert.Null(Parse(p, """{"ts":1704067200000,"signal":"s","direction":0}"""));
        Assert.Equal([-1.0, 1.0, 1.0], series[0].RowAt(0).ToArray());
        Assert.Equal([0.0, -1.0, 0.25], series[0].RowAt(1).ToArray());
        Assert.Equal([-1.0, 0.0, 1.0], series[0].RowAt(2).ToArray());
    }

    [Theory]
    [InlineData("""{"ts":1704067200000,"values":{"value":1}}""", "missing \"symbol\" (one of AAA, BBB)")]
    [InlineData("""{"ts":true,"symbol":"AAA","values":{"value":1}}""", "\"ts\": expected an ISO-8601 string or an integer epoch, got a boolean")]
    [InlineData("""{"ts":1.5e12,"symbol":"AAA","values":{"value":1}}""", "\"ts\": expected an ISO-8601 time or an integer epoch, got \"1.5e12\"")]
    [InlineData("""{"ts":1704067200000,"symbol":7,"values":{"value":1}}""", "\"symbol\": expected a string, got 7")]
    [InlineData("""{"ts":1704067200000,"symbol":"AAA","values":[1]}""", "\"values\": expected an object, got an array")]
    [InlineData("""{"ts":1704067200000,"symbol":"AAA","values":{"value":1e400}}""", "\"values\".value: expected a number or null, got 1e400")]
    [InlineData("""{"ts":1704067200000,"symbol":"AAA","values":{"value":1}} x""", "malformed JSON (")]
    [InlineData("""{"ts":1704067200000""", "malformed JSON (")]
    public void An_invalid_indicator_line_says_what_is_wrong(string line, string problem)
    {
        var (p, series) = Parser("{ id: e, type: external, command: x }");
        Assert.StartsWith(problem, Parse(p, line), StringComparison.Ordinal);
        Assert.Equal(0, series[0].Count);
    }

    [Fact]
    public void Deep_nesting_is_refused_not_followed()
    {
        var (p, _) = Parser("{ id: e, type: external, command: x }");
        string deep = "{\"x\":" + new string('[', 5000) + new string(']', 5000) + "}";
        Assert.StartsWith("malformed JSON (", Parse(p, deep), StringComparison.Ordinal);
    }
}
