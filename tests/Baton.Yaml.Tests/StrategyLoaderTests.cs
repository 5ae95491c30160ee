using Baton.Engine.Strategy;

namespace Baton.Yaml.Tests;

public class StrategyLoaderTests
{
    private const string Valid = """
        name: sma_crossover
        symbols: [BTCUSDT, ETHUSDT]
        timeframe: 1h
        initial_cash: 25000
        data: { source: csv, path: data/crypto_1h.csv }
        dependencies:
          indicators:
            - { id: fast, type: sma, period: "${fast_period}" }
            - { id: slow, type: sma, period: "${slow_period}" }
            - { id: rsi,  type: rsi, period: 14 }
            - { id: rsi_avg, type: sma, period: 5, source: rsi }
          signals:
            - { id: golden_cross, type: crossover, above: fast, below: slow }
            - { id: death_cross,  type: crossover, above: slow, below: fast }
        parameters:
          fast_period: 10
          slow_period: 30
          position_size: 10%
        entry:
          - when: golden_cross and rsi < 70
            action: buy
        exit:
          stop_loss: 2%
          take_profit: 6%
          trailing_stop: 3atr
          signals:
            - { when: death_cross, action: close }
        risk:
          max_drawdown: 20%
          daily_loss: 3%
          max_positions: 3
          max_position_size: 25%
          on_breach: close_all
        execution: { fees: 0.1%, slippage: 5bps, fill: next_open }
        """;

    private static IReadOnlyList<StrategyError> Errors(string text, Dictionary<string, string>? overrides = null)
    {
        var e = Assert.Throws<StrategyValidationException>(() => StrategyLoader.LoadFromText(text, "s.yaml", overrides));
        return e.Errors;
    }

    [Fact]
    public void A_valid_file_maps_field_by_field()
    {
        var s = StrategyLoader.LoadFromText(Valid, "s.yaml");
        Assert.Equal("sma_crossover", s.Name);
        Assert.Equal(["BTCUSDT", "ETHUSDT"], s.Symbols);
        Assert.Equal(3_600_000, s.Timeframe.Milliseconds);
        Assert.Equal(25000m, s.InitialCash);
        Assert.Equal(DataSourceKind.Csv, s.Data.Source);
        Assert.Equal(10, s.Indicators[0].Parameters["period"]);
        Assert.Equal(30, s.Indicators[1].Parameters["period"]);
        Assert.Equal("rsi", s.Indicators[3].Source);
        Assert.Equal("fast", s.Signals[0].Arguments.Series["above"]);
        var entry = Assert.Single(s.Entry);
        Assert.Equal(TradeAction.Buy, entry.Action);
        Assert.Equal(new SourceLocation("s.yaml", 20, 11), entry.WhenLocation);
        Assert.Equal(new PriceDistance(DistanceKind.Fraction, 0.02), s.Exit.StopLoss);
        Assert.Equal(DistanceKind.AtrMultiple, s.Exit.TrailingStop!.Value.Kind);
        Assert.Equal(TradeAction.Close, Assert.Single(s.Exit.Signals).Action);
        Assert.Equal(0.2, s.Risk.MaxDrawdown);
        Assert.Equal(3, s.Risk.MaxPositions);
        Assert.Equal(BreachAction.CloseAll, s.Risk.OnBreach);
        Assert.Equal(0.001m, s.Execution.FeeRate);
        Assert.Equal(5, s.Execution.SlippageBps);
        Assert.Equal(SizingKind.EquityFraction, s.Sizing.Kind);
        Assert.Equal(0.1m, s.Sizing.Value);
    }

    [Fact]
    public void Overrides_replace_parameters_before_substitution()
    {
        var s = StrategyLoader.LoadFromText(Valid, "s.yaml", new Dictionary<string, string> { ["fast_period"] = "5" });
        Assert.Equal(5, s.Indicators[0].Parameters["period"]);
        Assert.Equal("5", s.Parameters["fast_period"]);
    }

    [Fact]
    public void An_override_of_an_unknown_parameter_is_an_error()
    {
        var e = Assert.Single(Errors(Valid, new() { ["fats_period"] = "5" }));
        Assert.Contains("--set fats_period: no such parameter", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("timeframe: 1h", "timeframe: 1x", 3, 12, "timeframe", "expected a bar length")]
    [InlineData("type: rsi,", "type: rsx,", 10, 25, "dependencies.indicators[2].type", "unknown indicator type 'rsx'; did you mean 'rsi'?")]
    [InlineData("period: 14 }", "period: ten }", 10, 38, "dependencies.indicators[2].period", "expected an integer, got \"ten\"")]
    [InlineData("period: 14 }", "period: -3 }", 10, 38, "dependencies.indicators[2].period", "expected a value between 1 and 100000, got -3")]
    [InlineData("period: 14 }", "perod: 14 }", 10, 37, "dependencies.indicators[2].perod", "unknown parameter 'perod' for rsi")]
    [InlineData("golden_cross and rsi < 70", "golden_cros and rsi < 70", 20, 11, "entry[0].when", "unknown name 'golden_cros'; did you mean 'golden_cross'?")]
    [InlineData("golden_cross and rsi < 70", "golden_cross and rsi <", 20, 33, "entry[0].when", "condition ends where a value was expected")]
    [InlineData("action: buy", "action: purchase", 21, 13, "entry[0].action", "expected one of buy, sell, short, cover, close")]
    [InlineData("stop_loss: 2%", "stop_loss: two", 23, 14, "exit.stop_loss", "expected a percentage")]
    [InlineData("max_drawdown: 20%", "max_drawdown: 120%", 29, 17, "risk.max_drawdown", "between")]
    [InlineData("initial_cash: 25000", "initial_cash: lots", 4, 15, "initial_cash", "expected a number")]
    [InlineData("initial_cash: 25000", "initial_cash: 1e16", 4, 15, "initial_cash", "expected a number within [0.01, 1e15], got \"1e16\"")]
    [InlineData("initial_cash: 25000", "initial_cash: 79228162514264337593543950335", 4, 15, "initial_cash", "expected a number within [0.01, 1e15]")]
    [InlineData("slippage: 5bps", "slippage: 5bp", 34, 36, "execution.slippage", "expected basis points")]
    [InlineData("risk:", "rsk:", 28, 1, "rsk", "unknown key 'rsk'; did you mean 'risk'?")]
    [InlineData("above: fast,", "above: fats,", 13, 51, "dependencies.signals[0].above", "unknown name 'fats'")]
    [InlineData("source: rsi }", "source: nope }", 11, 52, "dependencies.indicators[3].source", "unknown source 'nope'")]
    public void Each_error_names_line_column_path_and_expectation(string from, string to, int line, int column, string path, string message)
    {
        var errors = Errors(Valid.Replace(from, to, StringComparison.Ordinal));
        var e = Assert.Single(errors);
        Assert.Equal((line, column, path), (e.Line, e.Column, e.Path));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.StartsWith($"s.yaml:{line}:{column}: {path}: ", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Several_errors_are_reported_together_in_file_order()
    {
        var text = Valid.Replace("timeframe: 1h", "timeframe: 1x", StringComparison.Ordinal)
            .Replace("type: rsi,", "type: rsx,", StringComparison.Ordinal)
            .Replace("action: buy", "action: purchase", StringComparison.Ordinal);
        var errors = Errors(text);
        Assert.Equal([3, 10, 21], errors.Select(e => e.Line));
    }

    [Fact]
    public void Missing_required_keys_and_parameters_are_named()
    {
        var errors = Errors("symbols: [A]\ndependencies:\n  indicators:\n    - { id: x, type: sma, period: \"${p}\" }\n");
        Assert.Contains(errors, e => e.Path == "name" && e.Message == "missing required key");
        Assert.Contains(errors, e => e.Path == "timeframe" && e.Message == "missing required key");
        Assert.Contains(errors, e => e.Message.StartsWith("no parameter named 'p'", StringComparison.Ordinal) && e.Line == 4);
    }

    [Fact]
    public void Duplicate_ids_and_duplicate_keys_are_errors()
    {
        Assert.Contains(Errors(Valid.Replace("id: slow,", "id: fast,", StringComparison.Ordinal)), e => e.Message == "duplicate id 'fast'");
        var dupKey = Errors("name: a\nname: b\nsymbols: [A]\ntimeframe: 1d\n");
        Assert.Contains("Duplicate key", Assert.Single(dupKey).Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Yaml_syntax_error_points_at_the_mark()
    {
        var e = Assert.Single(Errors("name: a\nsymbols: [A\ntimeframe: 1d\n"));
        Assert.Contains("YAML syntax", e.Message, StringComparison.Ordinal);
        Assert.True(e.Line >= 2);
    }

    [Fact]
    public void Hostile_input_gets_an_error_quickly()
    {
        string deep = "name: " + new string('[', 10_000) + new string(']', 10_000);
        Assert.Contains("nesting deeper than 64", Assert.Single(Errors(deep)).Message, StringComparison.Ordinal);
        string bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\n";
        Assert.Contains("aliases", Assert.Single(Errors(bomb)).Message, StringComparison.Ordinal);
        string huge = "name: x\n" + new string('#', 2 << 20);
        Assert.Contains("larger than", Assert.Single(Errors(huge)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_named()
    {
        var e = Assert.Single(StrategyLoader.Validate("/nonexistent/strategy.yaml"));
        Assert.Equal("/nonexistent/strategy.yaml: file not found", e.ToString());
    }
}

public class IndicatorTimeframeTests
{
    private static string Text(string indicator) => $"""
        name: mtf
        symbols: [A]
        timeframe: 1h
        dependencies:
          indicators:
            - {indicator}
        """;

    [Fact]
    public void A_higher_timeframe_that_is_a_whole_multiple_is_accepted()
    {
        var s = StrategyLoader.LoadFromText(Text("{ id: d, type: sma, period: 5, timeframe: 1d }"), "m.yaml");
        Assert.Equal(Baton.Core.Market.Timeframe.OneDay, s.Indicators[0].Timeframe);
    }

    [Theory]
    [InlineData("{ id: d, type: sma, period: 5, timeframe: 90m }", "whole multiple of the strategy timeframe 1h")]
    [InlineData("{ id: d, type: sma, period: 5, timeframe: 1h }", "whole multiple of the strategy timeframe 1h")]
    [InlineData("{ id: d, type: sma, period: 5, timeframe: 1d, source: d }", "reads a price field")]
    public void A_timeframe_that_cannot_be_resampled_is_an_error(string indicator, string message)
    {
        var e = Assert.Throws<StrategyValidationException>(() => StrategyLoader.LoadFromText(Text(indicator), "m.yaml"));
        Assert.Contains(e.Errors, x => x.Message.Contains(message, StringComparison.Ordinal));
    }
}
