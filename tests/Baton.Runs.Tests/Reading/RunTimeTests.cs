using System.Globalization;
using Baton.Engine.Events;
using Baton.Runs.Reading;

namespace Baton.Runs.Tests.Reading;

/// <summary>Run files' times are read digit by digit when they have the written form; the result must be the general
/// parser's, for every time and for every string that only looks like one.</summary>
public class RunTimeTests
{
    private static long? General(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t.ToUnixTimeMilliseconds()
            : null;

    [Fact]
    public void Written_times_read_back_as_the_general_parser_reads_them()
    {
        var random = new Random(11);
        long min = DateTimeOffset.MinValue.ToUnixTimeMilliseconds(), max = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();
        for (int i = 0; i < 20_000; i++)
        {
            long ms = random.NextInt64(min, max) / 1000 * 1000;
            string text = Formats.Time(ms);
            Assert.Equal(ms, RunTime.Milliseconds(text));
            Assert.Equal(General(text), RunTime.Milliseconds(text));
        }
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("2024-02-29T12:00:00Z")]
    [InlineData("2023-02-29T12:00:00Z")]   // no such day
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("2024-13-01T00:00:00Z")]
    [InlineData("2024-04-31T00:00:00Z")]
    [InlineData("2024-01-01T24:00:00Z")]
    [InlineData("2024-01-01T23:60:00Z")]
    [InlineData("2024-01-01T23:59:60Z")]
    [InlineData("2024-1a-01T00:00:00Z")]
    [InlineData("2024-01-01T00:00:00+02:00")]   // other forms: the general parser
    [InlineData("2024-01-01T00:00:00.250Z")]
    [InlineData("2024-01-01 00:00:00Z")]
    [InlineData("2024-01-01")]
    [InlineData("")]
    public void Every_other_string_is_read_as_the_general_parser_reads_it(string text) =>
        Assert.Equal(General(text), RunTime.Milliseconds(text));
}
