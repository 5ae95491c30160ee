namespace Baton.Yaml.Tests;

/// <summary>
/// Issue 17's strategy-file classes, one table: each hostile edit of a valid strategy gives exactly one error, at the
/// place the marker points to (file:line:col), on the field, saying what was expected; never a crash or a hang.
/// </summary>
public class HostileStrategyTests
{
    private const string Valid = """
        name: t
        symbols: [A]
        timeframe: 1h
        initial_cash: 10000
        parameters: { n: 14, position_size: 10% }
        dependencies:
          indicators:
            - { id: m, type: macd }
            - { id: a, type: sma, period: "${n}" }
          signals:
            - { id: up, type: threshold, input: a, level: 5 }
            - { id: x, type: external, command: "python3 x.py", timeout: 30s }
        entry:
          - when: m > 0
            action: buy
        exit:
          stop_loss: 2%
        """;

    public static TheoryData<string, string, string, string, string> Cases()
    {
        string sum = string.Join(" + ", Enumerable.Repeat("close", 300));
        string nested = new string('(', 100) + "close" + new string(')', 100);
        return new()
        {
            // name: one plain name (it becomes out/NAME and the live journal's folder)
            { "name: t", "name: ../../x", "../../x", "name", "a name cannot contain '/'" },
            { "name: t", "name: /etc/x", "/etc/x", "name", "a name cannot contain '/'" },
            { "name: t", "name: ..", "..", "name", "\"..\" names a folder, not a plain name" },
            { "name: t", "name: \"\"", "\"\"", "name", "expected a name, got an empty one" },
            { "name: t", "name: \"a\\x01b\"", "\"a", "name", "a name cannot contain control characters" },
            { "name: t", "name: " + new string('n', 101), "nnn", "name", "a name is at most 100 characters, got 101" },
            // symbols: plain symbols only
            { "symbols: [A]", "symbols: ['A,B']", "'A,B'", "symbols[0]", "'A,B' has a character a symbol cannot have (',')" },
            { "symbols: [A]", "symbols: ['A B']", "'A B'", "symbols[0]", "(U+0020)" },
            // indicator parameters: relations, ranges, not-a-number
            { "type: macd }", "type: macd, fast: 30 }", "30 }", "dependencies.indicators[0].fast", "fast (30) must be less than slow (26) for macd" },
            { "type: macd }", "type: ppo, fast: 26, slow: 26 }", "26, slow", "dependencies.indicators[0].fast", "fast (26) must be less than slow (26) for ppo" },
            { "type: macd }", "type: apo, slow: 5 }", "5 }", "dependencies.indicators[0].slow", "fast (12) must be less than slow (5) for apo" },
            { "type: macd }", "type: psar, acceleration: 0.5 }", "0.5 }", "dependencies.indicators[0].acceleration", "acceleration (0.5) must be at most maximum (0.2)" },
            { "type: macd }", "type: sma, period: 0 }", "0 }", "dependencies.indicators[0].period", "expected a value between 1 and 100000, got 0" },
            { "type: macd }", "type: sma, period: 2000000000 }", "2000000000", "dependencies.indicators[0].period", "expected a value between 1 and 100000" },
            { "type: macd }", "type: bbands, stddev: 1e308 }", "1e308", "dependencies.indicators[0].stddev", "expected a value between 0 and 100, got 1E+308" },
            { "type: macd }", "type: bbands, stddev: .nan }", ".nan", "dependencies.indicators[0].stddev", "expected a number, got \".nan\"" },
            // other number and duration fields: a documented range, never an overflow later
            { "timeout: 30s", "timeout: 99999999999999s", "99999999999999s", "dependencies.signals[1].timeout", "(at most 24h)" },
            { "level: 5", "level: 1e308", "1e308", "dependencies.signals[0].level", "between -1000000000000000 and 1000000000000000" },
            { "initial_cash: 10000", "initial_cash: 100000000000000000000", "1000", "initial_cash", "expected a number within [0.01, 1e15]" },
            { "stop_loss: 2%", "stop_loss: { amount: 1e300 }", "1e300", "exit.stop_loss.amount", "between" },
            { "stop_loss: 2%", "stop_loss: 1e300atr", "1e300atr", "exit.stop_loss", "at most 1000atr" },
            { "stop_loss: 2%", "stop_loss: Infinityatr", "Infinityatr", "exit.stop_loss", "expected an ATR multiple" },
            { "position_size: 10%", "position_size: 1e308%", "1e308%", "parameters.position_size", "between" },
            // sizing and parameters
            { "exit:\n  stop_loss: 2%", "sizing: { type: risk, value: 1% }", "risk", "sizing.type", "risk sizing needs a stop" },
            { "n: 14,", "n: 14, k: \"${n}\",", "\"${n}\"", "parameters.k", "a parameter cannot refer to a parameter" },
            // conditions: bounded, so nothing recurses deeper than a few hundred levels
            { "when: m > 0", "when: " + sum + " > 0", "+ close > 0", "entry[0].when", "more than 256 operators" },
            { "when: m > 0", "when: " + nested, new string('(', 36) + "close", "entry[0].when", "nested deeper than 64 levels" },
            { "when: m > 0", "when: " + string.Concat(Enumerable.Repeat("not ", 100)) + "m", "not m", "entry[0].when", "nested deeper than 64 levels" },
            { "when: m > 0", "when: m > " + new string('1', 5000), "1111", "entry[0].when", "at most 4096 are allowed" },
        };
    }

    [Theory, MemberData(nameof(Cases))]
    public void A_hostile_edit_gives_one_located_error(string from, string to, string marker, string path, string message)
    {
        string text = Valid.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Valid, text);
        var e = Assert.Throws<StrategyValidationException>(() => StrategyLoader.LoadFromText(text, "s.yaml"));
        var error = Assert.Single(e.Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        var (line, column) = Locate(text, to, marker, path);
        Assert.Equal((line, column), (error.Line, error.Column));
    }

    /// <summary>The 1-based line and column of <paramref name="marker"/> inside the edited text <paramref name="to"/>;
    /// conditions are located one past a marker that ends with the offending operator's operand.</summary>
    private static (int Line, int Column) Locate(string text, string to, string marker, string path)
    {
        int at = text.IndexOf(to, StringComparison.Ordinal);
        int index = path.EndsWith(".when", StringComparison.Ordinal) ? MarkerInCondition(text, at, marker) : text.IndexOf(marker, at, StringComparison.Ordinal);
        Assert.True(index >= 0, $"marker '{marker}' not found");
        int line = text[..index].Count(c => c == '\n') + 1;
        int column = index - (text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1) + 1;
        return (line, column);
    }

    private static int MarkerInCondition(string text, int at, string marker) => marker switch
    {
        "+ close > 0" => NthIndex(text, " + ", at, 256) + 1,   // the 257th operator
        _ when marker.StartsWith('(') => text.IndexOf('(', at) + 64,   // the 65th parenthesis opens level 65
        "not m" => NthIndex(text, "not ", at, 64),   // the 65th not is where depth 65 begins
        _ => text.IndexOf("when: ", at, StringComparison.Ordinal) + 6 + 4096,   // past the limit
    };

    private static int NthIndex(string text, string what, int from, int n)
    {
        int index = from - 1;
        for (int i = 0; i <= n; i++) index = text.IndexOf(what, index + 1, StringComparison.Ordinal);
        return index;
    }

    [Fact]
    public void A_tab_is_reported_at_the_tab()
    {
        string text = Valid.Replace("  stop_loss: 2%", "\tstop_loss: 2%", StringComparison.Ordinal);
        var error = Assert.Single(Assert.Throws<StrategyValidationException>(() => StrategyLoader.LoadFromText(text, "s.yaml")).Errors);
        Assert.Contains("tab", error.Message, StringComparison.Ordinal);
        Assert.Equal(17, error.Line);
    }

    [Theory]
    [InlineData(100_000, "[")]
    [InlineData(100_000, "{a: ")]
    [InlineData(100_000, "- ")]
    public void Deep_yaml_nesting_is_refused_at_the_limit_without_recursing(int depth, string open)
    {
        string text = "name: t\nx:" + (open == "- " ? "\n" : " ") + string.Concat(Enumerable.Repeat(open, depth)) + "1";
        var error = Assert.Single(Assert.Throws<StrategyValidationException>(() => StrategyLoader.LoadFromText(text, "s.yaml")).Errors);
        Assert.Contains("nesting deeper than 64 levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_billion_laughs_alias_bomb_is_refused_before_it_expands()
    {
        var lines = new List<string> { "name: t", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]" };
        for (int i = 1; i < 10; i++) lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]");
        var errors = Assert.Throws<StrategyValidationException>(() => StrategyLoader.LoadFromText(string.Join('\n', lines), "s.yaml")).Errors;
        Assert.Contains("aliases (*name) are not supported", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_at_the_operator_limit_loads()
    {
        string when = string.Join(" + ", Enumerable.Repeat("close", 256)) + " > 0";
        Assert.Equal(256, when.Split(' ').Count(w => w is "+" or ">"));   // 255 + and one >
        var s = StrategyLoader.LoadFromText(Valid.Replace("when: m > 0", "when: " + when, StringComparison.Ordinal), "s.yaml");
        Assert.Equal(when, s.Entry[0].When);
    }
}
