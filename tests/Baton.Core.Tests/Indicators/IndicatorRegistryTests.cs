using Baton.Core.Indicators;

namespace Baton.Core.Tests.Indicators;

public sealed class IndicatorRegistryTests
{
    public static TheoryData<string> Types() => [.. IndicatorRegistry.Descriptors.Select(d => d.Name)];

    private static Dictionary<string, double> Minimums(IndicatorDescriptor d) =>
        d.Parameters.ToDictionary(p => p.Name, p => p.Min);

    [Fact]
    public void Registry_holds_at_least_forty_types_with_unique_sorted_lowercase_names()
    {
        var names = IndicatorRegistry.Descriptors.Select(d => d.Name).ToArray();
        Assert.True(names.Length >= 40, $"only {names.Length} indicator types registered");
        Assert.Equal(names.Length, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.All(names, n => Assert.Matches("^[a-z][a-z0-9_]*$", n));
    }

    [Fact]
    public void Unknown_type_is_a_clear_error()
    {
        var e = Assert.Throws<ArgumentException>(() => IndicatorRegistry.Create("nope", new Dictionary<string, double>()));
        Assert.Contains("'nope'", e.Message);
    }

    [Theory, MemberData(nameof(Types))]
    public void Descriptor_is_well_formed(string type)
    {
        Assert.True(IndicatorRegistry.TryGet(type, out var d));
        Assert.NotEmpty(d.Outputs);
        Assert.Equal(d.Outputs.Count, d.Outputs.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(d.Parameters.Count, d.Parameters.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count());
        foreach (var p in d.Parameters)
        {
            Assert.Matches("^[a-z][a-z0-9_]*$", p.Name);
            Assert.InRange(p.Default, p.Min, p.Max);
            if (p.IsInteger) Assert.True(p.Default == Math.Floor(p.Default) && p.Min == Math.Floor(p.Min), $"{type}.{p.Name}");
            Assert.False(string.IsNullOrWhiteSpace(p.Description));
        }
    }

    [Theory, MemberData(nameof(Types))]
    public void Instance_matches_its_descriptor(string type)
    {
        var d = IndicatorRegistry.Descriptors.Single(x => x.Name == type);
        var indicator = IndicatorRegistry.Create(type, new Dictionary<string, double>());
        Assert.Equal(d.Outputs.Count, indicator.OutputCount);
        Assert.Equal(d.Input == IndicatorInput.Series, indicator is SeriesIndicator);
        Assert.Equal(indicator.WarmUpPeriod, indicator.OutputWarmUpPeriod(0));
        for (int k = 0; k < indicator.OutputCount; k++) Assert.True(indicator.OutputWarmUpPeriod(k) >= 1);
        Assert.False(indicator.IsReady);
    }

    [Theory, MemberData(nameof(Types))]
    public void Runs_at_its_minimum_parameters(string type)
    {
        var d = IndicatorRegistry.Descriptors.Single(x => x.Name == type);
        var indicator = IndicatorRegistry.Create(type, Minimums(d));
        AssertFiniteFromWarmUp(indicator, MarketData.Files[0].Candles, type + " at minimum parameters");
    }

    [Theory, MemberData(nameof(Types))]
    public void Stays_finite_on_flat_bars_and_zero_volume(string type)
    {
        var indicator = IndicatorRegistry.Create(type, new Dictionary<string, double>());
        AssertFiniteFromWarmUp(indicator, GeneratedCandles.Degenerate(), type + " on degenerate bars");
    }

    private static void AssertFiniteFromWarmUp(Indicator indicator, Market.Candle[] candles, string what)
    {
        for (int i = 0; i < candles.Length; i++)
        {
            indicator.Update(candles[i]);
            for (int k = 0; k < indicator.OutputCount; k++)
            {
                if (i + 1 < indicator.OutputWarmUpPeriod(k)) Assert.True(double.IsNaN(indicator[k]), $"{what}: output {k} early at {i}");
                else Assert.True(double.IsFinite(indicator[k]), $"{what}: output {k} is {indicator[k]} at bar {i}");
            }
        }
    }
}
