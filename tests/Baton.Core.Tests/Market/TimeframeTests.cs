using Baton.Core.Market;

namespace Baton.Core.Tests.Markets;

public class TimeframeTests
{
    [Theory]
    [InlineData("1s", 1_000L)]
    [InlineData("15m", 15 * Timeframe.Minute)]
    [InlineData("4h", 4 * Timeframe.Hour)]
    [InlineData("1d", Timeframe.Day)]
    [InlineData("1w", 7 * Timeframe.Day)]
    [InlineData("52w", 52 * 7 * Timeframe.Day)]
    [InlineData("366d", 366 * Timeframe.Day)]
    [InlineData("8784h", 366 * Timeframe.Day)]
    public void TryParse_reads_bar_lengths_up_to_366_days(string text, long milliseconds)
    {
        Assert.True(Timeframe.TryParse(text, out var tf));
        Assert.Equal(milliseconds, tf.Milliseconds);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("h")]
    [InlineData("0m")]
    [InlineData("-1h")]
    [InlineData("+1h")]
    [InlineData(" 1h")]
    [InlineData("1.5h")]
    [InlineData("1M")]
    [InlineData("1y")]
    [InlineData("367d")]
    [InlineData("53w")]
    [InlineData("1000000000d")]                // a close time past year 9999
    [InlineData("99999999999999w")]            // overflowed to a negative bar before
    [InlineData("9223372036854775807s")]
    [InlineData("99999999999999999999999m")]
    public void TryParse_refuses_what_is_not_a_bar_length_a_calendar_can_hold(string? text)
    {
        Assert.False(Timeframe.TryParse(text, out var tf));
        Assert.Equal(default, tf);
    }
}
