using Baton.Core.Signals;

namespace Baton.Core.Tests.Signals;

/// <summary>
/// One contract over every signal type's arguments: <see cref="SignalDescriptor.Check"/> is the load-time gate, so
/// whatever it accepts builds (no constructor throws later), in bounded memory; whatever it refuses names the argument.
/// </summary>
public sealed class SignalArgumentContractTests
{
    /// <summary>The most any one signal may allocate when built at its largest arguments.</summary>
    private const long MaxBytes = 64L << 20;

    public static TheoryData<string> Types() => [.. SignalRegistry.Descriptors.Select(d => d.Name)];

    private static SignalCase Base(string type) => SignalCase.For(SignalRegistry.Descriptors.Single(d => d.Name == type)).First();

    private static SignalValues With(SignalValues v, string? number = null, double value = 0, string? choice = null, string word = "") =>
        new(v.Series,
            number is null ? v.Numbers : new Dictionary<string, double>(v.Numbers) { [number] = value },
            choice is null ? v.Choices : new Dictionary<string, string>(v.Choices) { [choice] = word });

    [Theory, MemberData(nameof(Types))]
    public void Every_argument_is_described_and_numbers_have_a_finite_range_and_a_default_or_none(string type)
    {
        var d = Base(type).Descriptor;
        Assert.False(string.IsNullOrWhiteSpace(d.Title));
        Assert.Equal(d.Arguments.Count, d.Arguments.Select(a => a.Name).Distinct().Count());
        foreach (var a in d.Arguments)
        {
            Assert.False(string.IsNullOrWhiteSpace(a.Description), $"{type}.{a.Name}");
            if (a.Kind == SignalArgumentKind.Number)
            {
                Assert.True(double.IsFinite(a.Min) && double.IsFinite(a.Max) && a.Min <= a.Max, $"{type}.{a.Name}: [{a.Min}, {a.Max}]");
                if (a.IsInteger) Assert.True(a.Max <= 100_000, $"{type}.{a.Name} allows {a.Max}");
                Assert.True(a.Required == double.IsNaN(a.DefaultNumber), $"{type}.{a.Name}: required or a default, not both");
            }
            if (a.Kind == SignalArgumentKind.Choice)
                Assert.True(a.Required == a.DefaultChoice is null && (a.DefaultChoice is null || a.Choices.Contains(a.DefaultChoice)), $"{type}.{a.Name}");
        }
    }

    [Theory, MemberData(nameof(Types))]
    public void The_required_arguments_and_defaults_pass_the_check(string type) => Assert.Empty(Base(type).Descriptor.Check(Base(type).Values));

    [Theory, MemberData(nameof(Types))]
    public void Each_number_at_each_end_of_its_range_builds_in_bounded_memory(string type)
    {
        var c = Base(type);
        foreach (var a in c.Descriptor.Arguments.Where(a => a.Kind == SignalArgumentKind.Number))
            foreach (double v in (double[])[a.Min, a.Max])
            {
                var values = With(c.Values, a.Name, v);
                Assert.Empty(c.Descriptor.Check(values));
                long before = GC.GetAllocatedBytesForCurrentThread();
                var signal = c.Descriptor.Build(values, name => c.Slots[name]);
                Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < MaxBytes, $"{type} with {a.Name} = {v} allocates too much");
                Assert.Equal(c.Descriptor.WarmUpOf(values), signal.WarmUpPeriod);
            }
    }

    [Theory, MemberData(nameof(Types))]
    public void Out_of_range_not_a_number_broken_and_unknown_words_are_refused_naming_the_argument(string type)
    {
        var c = Base(type);
        foreach (var a in c.Descriptor.Arguments)
        {
            double[] bad = a.Kind != SignalArgumentKind.Number ? []
                : [double.NaN, double.PositiveInfinity, 1e308, -1e308, a.Min - 1, a.Max + 1, .. a.IsInteger ? (double[])[a.Min + 0.5] : []];
            foreach (double v in bad)
            {
                var problem = Assert.Single(c.Descriptor.Check(With(c.Values, a.Name, v)));
                Assert.Equal(a.Name, problem.Argument);
                Assert.Contains("between", problem.Message, StringComparison.Ordinal);
            }
            if (a.Kind == SignalArgumentKind.Choice)
                Assert.Equal(a.Name, Assert.Single(c.Descriptor.Check(With(c.Values, choice: a.Name, word: "sideways"))).Argument);
        }
    }

    [Theory, MemberData(nameof(Types))]
    public void A_missing_required_or_an_undeclared_argument_is_refused_and_not_built(string type)
    {
        var c = Base(type);
        foreach (var a in c.Descriptor.Arguments.Where(a => a.Required))
        {
            var values = new SignalValues(
                c.Values.Series.Where(x => x.Key != a.Name).ToDictionary(),
                c.Values.Numbers.Where(x => x.Key != a.Name).ToDictionary(),
                c.Values.Choices.Where(x => x.Key != a.Name).ToDictionary());
            Assert.Equal(a.Name, Assert.Single(c.Descriptor.Check(values)).Argument);
            var e = Assert.ThrowsAny<ArgumentException>(() => c.Descriptor.Build(values, name => c.Slots[name]));
            Assert.Contains($"'{a.Name}'", e.Message, StringComparison.Ordinal);
        }
        var extra = With(c.Values, "period", 3);
        Assert.Equal("period", Assert.Single(c.Descriptor.Check(extra)).Argument);
    }
}
