using Baton.Core.Indicators;

namespace Baton.Core.Tests.Indicators;

/// <summary>
/// One contract over every indicator type's parameters: <see cref="IndicatorDescriptor.Check"/> is the load-time gate, so
/// whatever it accepts builds (no constructor throws later), in bounded memory; whatever it refuses names the parameter.
/// </summary>
public sealed class IndicatorParameterContractTests
{
    /// <summary>The most any one indicator may allocate when built at its largest parameters.</summary>
    private const long MaxBytes = 64L << 20;

    public static TheoryData<string> Types() => [.. IndicatorRegistry.Descriptors.Select(d => d.Name)];

    private static IndicatorDescriptor Get(string type) => IndicatorRegistry.Descriptors.Single(d => d.Name == type);

    [Theory, MemberData(nameof(Types))]
    public void Every_parameter_has_a_finite_range_and_whole_periods_stay_under_a_hundred_thousand(string type)
    {
        foreach (var p in Get(type).Parameters)
        {
            Assert.True(double.IsFinite(p.Min) && double.IsFinite(p.Max) && p.Min <= p.Max, $"{type}.{p.Name}: [{p.Min}, {p.Max}]");
            if (p.IsInteger) Assert.True(p.Max <= 100_000 || p.Name == "session_hours", $"{type}.{p.Name} allows {p.Max}");
        }
    }

    [Theory, MemberData(nameof(Types))]
    public void Defaults_pass_the_check(string type) => Assert.Empty(Get(type).Check(new Dictionary<string, double>()));

    [Theory, MemberData(nameof(Types))]
    public void Each_parameter_at_each_end_of_its_range_builds_when_the_check_passes(string type)
    {
        var d = Get(type);
        foreach (var p in d.Parameters)
            foreach (double v in (double[])[p.Min, p.Max])
            {
                var values = new Dictionary<string, double> { [p.Name] = v };
                if (d.Check(values).Count > 0) continue;
                long before = GC.GetAllocatedBytesForCurrentThread();
                var indicator = d.Create(new IndicatorArguments(d, values));
                Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < MaxBytes, $"{type} with {p.Name} = {v} allocates too much");
                Assert.False(indicator.IsReady);
            }
    }

    [Theory, MemberData(nameof(Types))]
    public void All_parameters_at_their_largest_build_in_bounded_memory(string type)
    {
        var d = Get(type);
        var values = d.Parameters.ToDictionary(p => p.Name, p => p.Max);
        foreach (var r in d.Relations) values[r.Smaller] = values[r.Larger] - (r.Strict ? 1 : 0);
        Assert.Empty(d.Check(values));
        long before = GC.GetAllocatedBytesForCurrentThread();
        d.Create(new IndicatorArguments(d, values));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < MaxBytes, $"{type} at its largest allocates too much");
    }

    [Theory, MemberData(nameof(Types))]
    public void Out_of_range_not_a_number_and_huge_values_are_refused_naming_the_parameter(string type)
    {
        var d = Get(type);
        foreach (var p in d.Parameters)
            foreach (double v in (double[])[double.NaN, double.PositiveInfinity, 1e308, -1e308, p.Min - 1, p.Max + 1])
            {
                var problem = Assert.Single(d.Check(new Dictionary<string, double> { [p.Name] = v }));
                Assert.Equal(p.Name, problem.Parameter);
                Assert.Contains("between", problem.Message, StringComparison.Ordinal);
            }
    }

    [Theory]
    [InlineData("macd", "fast", 26, "slow", 26, "fast (26) must be less than slow (26) for macd")]
    [InlineData("macd", "fast", 30, null, 0, "fast (30) must be less than slow (26) for macd")]
    [InlineData("ppo", "fast", 40, "slow", 20, "fast (40) must be less than slow (20) for ppo")]
    [InlineData("apo", "slow", 5, null, 0, "fast (12) must be less than slow (5) for apo")]
    [InlineData("kama", "fast", 30, "slow", 30, "fast (30) must be less than slow (30) for kama")]
    [InlineData("psar", "acceleration", 0.5, null, 0, "acceleration (0.5) must be at most maximum (0.2) for psar")]
    public void Parameters_that_contradict_each_other_are_refused(string type, string name, double value, string? other,
        double otherValue, string message)
    {
        var d = Get(type);
        var values = new Dictionary<string, double> { [name] = value };
        if (other is not null) values[other] = otherValue;
        var problem = Assert.Single(d.Check(values));
        Assert.Equal(name, problem.Parameter);
        Assert.Equal(message, problem.Message);
    }

    [Theory, MemberData(nameof(Types))]
    public void Every_relation_is_refused_when_broken_and_accepted_when_kept(string type)
    {
        var d = Get(type);
        foreach (var r in d.Relations)
        {
            var larger = d.Parameters.Single(p => p.Name == r.Larger);
            var broken = new Dictionary<string, double> { [r.Smaller] = larger.Default + 1, [r.Larger] = larger.Default };
            Assert.Contains(d.Check(broken), p => p.Parameter == r.Smaller);
            var kept = new Dictionary<string, double> { [r.Larger] = larger.Default };
            Assert.Empty(d.Check(kept));
        }
    }
}
