using System.Text.RegularExpressions;
using Baton.Core.Signals;

namespace Baton.Core.Tests.Signals;

public sealed partial class SignalRegistryTests
{
    [Fact]
    public void Lookup_finds_every_type_by_its_yaml_name_and_nothing_else()
    {
        foreach (var d in SignalRegistry.Descriptors)
            Assert.Same(d, SignalRegistry.TryGet(d.Name, out var found) ? found : null);
        Assert.False(SignalRegistry.TryGet("external", out _));   // a program of the user's: no descriptor
        Assert.False(SignalRegistry.TryGet("Crossover", out _));
    }

    [Fact]
    public void A_breakout_needs_the_edge_its_direction_watches()
    {
        Assert.True(SignalRegistry.TryGet("breakout", out var d));
        SignalValues Of(string? direction, params string[] edges) => new(
            edges.ToDictionary(e => e, e => "ch." + e),
            choices: direction is null ? null : new Dictionary<string, string> { ["direction"] = direction });
        Assert.Equal(new SignalProblem("upper", "missing required key for type breakout with direction up"), Assert.Single(d.Check(Of("up", "lower"))));
        Assert.Equal("lower", Assert.Single(d.Check(Of("down", "upper"))).Argument);
        Assert.Contains("needs its channel", Assert.Single(d.Check(Of(null))).Message, StringComparison.Ordinal);
        Assert.Empty(d.Check(Of(null, "lower")));
        Assert.Empty(d.Check(Of("up", "upper")));
    }

    [Fact]
    public void The_readme_lists_every_signal_type_in_the_catalogue_s_order()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Baton.slnx"))) dir = dir.Parent;
        Assert.NotNull(dir);
        string row = File.ReadLines(Path.Combine(dir.FullName, "README.md")).Single(l => l.StartsWith("| `dependencies.signals[]`", StringComparison.Ordinal));
        string list = row[..row.IndexOf("(see [Signals]", StringComparison.Ordinal)];
        var names = Quoted().Matches(list).Select(m => m.Groups[1].Value);
        Assert.Equal(SignalRegistry.Descriptors.Select(d => d.Name), names);
    }

    /// <summary>Each YAML name builds the class and the variant its doc comment describes (the contract tests cannot
    /// tell <c>rising</c> from <c>falling</c>): slots as in <see cref="SignalCase"/>, series from slot 8 on.</summary>
    public static TheoryData<string, string, string> Variants() => new()
    {
        { "crossover", "", "crossover" }, { "threshold", "above", "threshold_up" }, { "threshold", "below", "threshold_down" },
        { "breakout", "up", "breakout_up" }, { "breakout", "down", "breakout_down" }, { "breakout", "any", "breakout_any" },
        { "rising", "", "rising" }, { "falling", "", "falling" },
        { "divergence", "bullish", "bullish_divergence" }, { "divergence", "bearish", "bearish_divergence" },
        { "engulfing", "bullish", "bullish_engulfing" }, { "engulfing", "bearish", "bearish_engulfing" },
        { "hammer", "", "hammer" }, { "doji", "", "doji" }, { "morning_star", "", "morning_star" }, { "evening_star", "", "evening_star" },
    };

    private static SignalComponent Direct(string variant) => variant switch
    {
        "crossover" => new CrossoverSignal(8, 9),
        "threshold_up" => new ThresholdSignal(8, 0, upward: true),
        "threshold_down" => new ThresholdSignal(8, 0, upward: false),
        "breakout_up" => new BreakoutSignal(8, 9, 10, BreakoutDirection.Up),
        "breakout_down" => new BreakoutSignal(8, 9, 10, BreakoutDirection.Down),
        "breakout_any" => new BreakoutSignal(8, 9, 10, BreakoutDirection.Any),
        "rising" => new StreakSignal(8, 3, rising: true),
        "falling" => new StreakSignal(8, 3, rising: false),
        "bullish_divergence" => new DivergenceSignal(8, 9, 3, bullish: true),
        "bearish_divergence" => new DivergenceSignal(8, 9, 3, bullish: false),
        "bullish_engulfing" => new EngulfingSignal(bullish: true),
        "bearish_engulfing" => new EngulfingSignal(bullish: false),
        "hammer" => new HammerSignal(),
        "doji" => new DojiSignal(),
        "morning_star" => new StarSignal(morning: true),
        _ => new StarSignal(morning: false),
    };

    [Theory, MemberData(nameof(Variants))]
    public void Each_name_builds_the_variant_it_describes(string type, string word, string variant)
    {
        Assert.True(SignalRegistry.TryGet(type, out var d));
        var c = SignalCase.For(d).Single(x => word == "" || x.Values.Choices.Values.Contains(word));
        var rows = c.Rows(Indicators.MarketData.Files[0]);
        Assert.Equal(SignalCase.Run(Direct(variant), rows), SignalCase.Run(c.Build(), rows));
    }

    [GeneratedRegex("`([a-z_]+)`")]
    private static partial Regex Quoted();
}
