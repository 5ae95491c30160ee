namespace Baton.Yaml.Tests;

/// <summary>One sizing default however it is spelled, and periods_per_year from days to 1-minute bars.</summary>
public class SizingAndAnnualisationTests
{
    private static Engine.Strategy.StrategyDefinition Load(string extra) => StrategyLoader.LoadFromText($"""
        name: s
        symbols: [BTC]
        timeframe: 1m
        data: {"{"} source: synthetic {"}"}
        {extra}
        """, "s.yaml");

    public static TheoryData<string, bool, decimal> Spellings() => new()
    {
        { "parameters: { position_size: 10% }", true, 0.00000001m },
        { "sizing: { type: percent_equity, value: 10% }", true, 0.00000001m },
        { "sizing: { type: quantity, value: 0.5 }", true, 0.00000001m },
        { "sizing: { type: cash, value: 1000, step: 0.001 }", true, 0.001m },
        { "sizing: { type: percent_equity, value: 10%, fractional: false }", false, 0.00000001m },
        { "sizing: { type: percent_equity, value: 10%, step: 1 }", true, 1m },
    };

    [Theory]
    [MemberData(nameof(Spellings))]
    public void Sizing_is_fractional_unless_whole_units_are_asked_for(string yaml, bool fractional, decimal step)
    {
        var s = Load(yaml).Sizing;
        Assert.Equal((fractional, step), (s.Fractional, s.QuantityStep));
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("periods_per_year: 252", 252)]
    [InlineData("periods_per_year: 525600", 525_600)]
    public void Periods_per_year_is_inferred_when_absent_and_allows_one_minute_bars(string yaml, int? expected) =>
        Assert.Equal(expected, Load(yaml).PeriodsPerYear);

    [Theory]
    [InlineData("periods_per_year: 600000")]
    [InlineData("periods_per_year: 0")]
    public void A_periods_per_year_out_of_range_is_a_located_error(string yaml)
    {
        var e = Assert.Throws<StrategyValidationException>(() => Load(yaml));
        var error = Assert.Single(e.Errors);
        Assert.Equal(5, error.Line);
        Assert.Contains("periods_per_year", error.ToString(), StringComparison.Ordinal);
    }
}
