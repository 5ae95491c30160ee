using Baton.Engine.Strategy;

namespace Baton.Engine.Tests.Strategy;

public class PlainNameTests
{
    [Theory]
    [InlineData("sma_crossover")]
    [InlineData("my strategy v2.1")]
    [InlineData("20240101-120000-abcdef")]
    [InlineData(".hidden")]
    public void A_plain_name_passes_unchanged(string name)
    {
        Assert.Null(PlainName.Problem(name));
        Assert.Equal(name, PlainName.AsFileName(name, "name"));
    }

    [Theory]
    [InlineData(null, "expected a name, got an empty one")]
    [InlineData("", "expected a name, got an empty one")]
    [InlineData("   ", "expected a name, got an empty one")]
    [InlineData(".", "names a folder")]
    [InlineData("..", "names a folder")]
    [InlineData("../../x", "cannot contain '/'")]
    [InlineData("/etc/passwd", "cannot contain '/'")]
    [InlineData("a\\b", "cannot contain '\\'")]
    [InlineData("a\nb", "control characters")]
    [InlineData("a\0b", "control characters")]
    [InlineData(" lead", "start or end with a space")]
    [InlineData("trail ", "start or end with a space")]
    public void Anything_else_is_refused_saying_why(string? name, string why)
    {
        Assert.Contains(why, PlainName.Problem(name), StringComparison.Ordinal);
        var e = Assert.Throws<ArgumentException>(() => PlainName.AsFileName(name, "strategy name"));
        Assert.StartsWith("strategy name", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_is_at_most_a_hundred_characters()
    {
        Assert.Null(PlainName.Problem(new string('n', PlainName.MaxLength)));
        Assert.Equal("a name is at most 100 characters, got 101", PlainName.Problem(new string('n', 101)));
    }

    [Theory]
    [InlineData("BTCUSDT", null)]
    [InlineData("BTC-USD", null)]
    [InlineData("EUR/USD", null)]
    [InlineData("ES:CME.2024_H", null)]
    [InlineData("", "expected a symbol name")]
    [InlineData("A,B", "(',')")]
    [InlineData("A\"B", "('\"')")]
    [InlineData("A B", "(U+0020)")]
    [InlineData("A\nB", "(U+000A)")]
    [InlineData("ÄPFEL", "('Ä')")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", "at most 32 characters")]
    public void A_symbol_is_ascii_letters_digits_and_a_few_marks(string symbol, string? why)
    {
        if (why is null) Assert.Null(SymbolName.Problem(symbol));
        else Assert.Contains(why, SymbolName.Problem(symbol), StringComparison.Ordinal);
    }
}
