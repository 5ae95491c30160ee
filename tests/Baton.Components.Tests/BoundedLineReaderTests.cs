using System.Text;

namespace Baton.Components.Tests;

public class BoundedLineReaderTests
{
    private static async Task<List<string>> ReadAll(string text, int maxLine = 8, long maxTotal = 1 << 20)
    {
        var reader = new BoundedLineReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), maxLine, maxTotal);
        var seen = new List<string>();
        while (true)
        {
            var (kind, line) = await reader.ReadAsync(CancellationToken.None);
            if (kind == LineKind.End) return seen;
            seen.Add(kind == LineKind.Line ? Encoding.UTF8.GetString(line.Span) : kind + ":" + reader.SkippedBytes);
            if (kind == LineKind.Flood) return seen;
        }
    }

    [Fact]
    public async Task Splits_on_newlines_drops_carriage_returns_and_keeps_a_last_line_without_newline() =>
        Assert.Equal(["a", "bb", "", "c"], await ReadAll("a\r\nbb\n\nc"));

    [Fact]
    public async Task A_line_over_the_limit_is_skipped_and_the_next_one_read() =>
        Assert.Equal(["ok", "TooLong:100000", "next"], await ReadAll("ok\n" + new string('x', 100_000) + "\nnext\n"));

    [Fact]
    public async Task A_line_over_the_limit_is_skipped_even_when_it_fits_the_buffer() =>
        Assert.Equal(["TooLong:9", "12345678"], await ReadAll("123456789\n12345678\n"));

    [Fact]
    public async Task A_long_last_line_without_newline_is_skipped() =>
        Assert.Equal(["ok", "TooLong:20"], await ReadAll("ok\n" + new string('x', 20)));

    [Fact]
    public async Task More_than_the_total_limit_is_a_flood() =>
        Assert.Equal("Flood:0", (await ReadAll(string.Concat(Enumerable.Repeat("line\n", 100_000)), maxTotal: 100_000))[^1]);
}
