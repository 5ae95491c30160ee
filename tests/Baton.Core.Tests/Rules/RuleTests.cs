using Baton.Core.Rules;

namespace Baton.Core.Tests.Rules;

public class RuleTests
{
    private static readonly string[] Names = ["close", "rsi", "golden", "fast", "slow", "macd.signal"];

    private static bool Eval(string text, params double[] slots) =>
        RuleCompiler.Compile(RuleParser.Parse(text), n => Array.IndexOf(Names, n), out _)(slots);

    [Theory]
    [InlineData("golden and rsi < 70", true)]
    [InlineData("golden and rsi > 70", false)]
    [InlineData("not golden or close > slow", true)]
    [InlineData("close > slow * 1.06", false)]
    [InlineData("close >= slow + 5", true)]
    [InlineData("(fast - slow) / slow > 1%", true)]
    [InlineData("not (golden and rsi < 70)", false)]
    [InlineData("-rsi < -50", true)]
    [InlineData("macd.signal == 0.5", true)]
    [InlineData("golden and not golden", false)]
    public void Conditions_evaluate_with_the_usual_precedence(string text, bool expected)
    {
        // close 105, rsi 60, golden fired, fast 110, slow 100, macd.signal 0.5
        Assert.Equal(expected, Eval(text, 105, 60, 1, 110, 100, 0.5));
    }

    [Fact]
    public void A_rule_is_false_while_any_input_is_not_ready()
    {
        Assert.False(Eval("not golden", 105, 60, double.NaN, 110, 100, 0.5));
        Assert.False(Eval("close > 0 or rsi > 0", 105, double.NaN, 1, 110, 100, 0.5));
    }

    [Fact]
    public void Compile_reports_the_slots_read()
    {
        RuleCompiler.Compile(RuleParser.Parse("rsi < 30 and close > slow"), n => Array.IndexOf(Names, n), out var read);
        Assert.Equal([0, 1, 4], read);
    }

    [Theory]
    [InlineData("rsi <", 5)]
    [InlineData("rsi < 70 and", 12)]
    [InlineData("(rsi < 70", 9)]
    [InlineData("rsi # 3", 4)]
    [InlineData("", 0)]
    [InlineData("and rsi", 0)]
    public void Syntax_errors_point_at_the_offending_offset(string text, int position)
    {
        var e = Assert.Throws<RuleSyntaxException>(() => RuleParser.Parse(text));
        Assert.Equal(position, e.Position);
    }

    [Fact]
    public void Unknown_name_is_reported_at_its_offset()
    {
        var e = Assert.Throws<RuleSyntaxException>(() =>
            RuleCompiler.Compile(RuleParser.Parse("rsi < 70 and foo"), n => Array.IndexOf(Names, n), out _));
        Assert.Equal(13, e.Position);
        Assert.Contains("foo", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_crash()
    {
        string deep = new string('(', 5000) + "rsi" + new string(')', 5000);
        Assert.Throws<RuleSyntaxException>(() => RuleParser.Parse(deep));
        Assert.Throws<RuleSyntaxException>(() => RuleParser.Parse(string.Concat(Enumerable.Repeat("not ", 5000)) + "rsi"));
    }

    [Fact]
    public void Arithmetic_on_a_condition_is_rejected()
    {
        Assert.Throws<RuleSyntaxException>(() => RuleCompiler.Compile(RuleParser.Parse("(rsi < 3) + 1 > 0"), n => Array.IndexOf(Names, n), out _));
    }

    [Fact]
    public void Identifiers_are_listed_in_text_order()
    {
        var ids = RuleParser.Identifiers(RuleParser.Parse("golden and (rsi < 70 or close > macd.signal)"));
        Assert.Equal(["golden", "rsi", "close", "macd.signal"], ids.Select(i => i.Name));
    }
}
