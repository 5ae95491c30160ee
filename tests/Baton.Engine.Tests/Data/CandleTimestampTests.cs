using Baton.Engine.Data;

namespace Baton.Engine.Tests.Data;

public class CandleTimestampTests
{
    private const long Jan2 = 1_577_923_200_000; // 2020-01-02T00:00:00Z

    [Theory]
    [InlineData("2020-01-02", Jan2)]
    [InlineData("2020-01-02T00:00:00Z", Jan2)]
    [InlineData("2020-01-02 00:00:00", Jan2)]
    [InlineData("2020-01-02T00:00", Jan2)]
    [InlineData("2020-01-02t00:00:00z", Jan2)]
    [InlineData("2020-01-02T09:30:00.250Z", Jan2 + 34_200_250)]
    [InlineData("2020-01-02T09:30:00.2509999Z", Jan2 + 34_200_250)]
    [InlineData("2020-01-02T09:30:00.5", Jan2 + 34_200_500)]
    [InlineData("2020-01-02T02:00:00+02:00", Jan2)]
    [InlineData("2020-01-01T19:00:00-0500", Jan2)]
    [InlineData("2020-01-02T05:00:00+05", Jan2)]
    [InlineData("1577923200", Jan2)]
    [InlineData("1577923200000", Jan2)]
    [InlineData("1577923200000000", Jan2)]
    [InlineData("1577923200000000000", Jan2)]
    [InlineData("1577923200123456789", Jan2 + 123)]
    [InlineData("0", 0)]
    [InlineData("-86400", -86_400_000)]
    [InlineData("1970-01-01", 0)]
    [InlineData("1969-12-31", -86_400_000)]
    [InlineData("2000-02-29", 951_782_400_000)]
    public void TryParse_reads_iso_and_epoch_forms_as_utc_ms(string text, long expected)
    {
        Assert.True(CandleTimestamp.TryParse(text.AsSpan(), out long ms));
        Assert.Equal(expected, ms);
    }

    [Theory]
    [InlineData("99999999999", 99_999_999_999_000)]   // just below 1e11: seconds (year 5138)
    [InlineData("100000000000", 100_000_000_000)]     // 1e11: milliseconds (1973-03-03)
    [InlineData("99999999999999", 99_999_999_999_999)] // below 1e14: milliseconds
    [InlineData("100000000000000", 100_000_000_000)]  // 1e14: microseconds
    [InlineData("100000000000000000", 100_000_000_000)] // 1e17: nanoseconds
    public void Epoch_unit_is_decided_by_magnitude(string text, long expected)
    {
        Assert.True(CandleTimestamp.TryParse(text.AsSpan(), out long ms));
        Assert.Equal(expected, ms);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2020-13-01")]
    [InlineData("2020-02-30")]
    [InlineData("2019-02-29")]
    [InlineData("2020-01-02T24:00")]
    [InlineData("2020-01-02T10:60")]
    [InlineData("2020-01-02T10:00:61")]
    [InlineData("2020-01-02X10:00")]
    [InlineData("2020-01-02T10:00:00+2")]
    [InlineData("2020-01-02T10:00:00 UTC")]
    [InlineData("2020/01/02")]
    [InlineData("02.01.2020")]
    [InlineData("1.5e9")]
    [InlineData("abc")]
    [InlineData("2020-1-2")]
    public void TryParse_rejects_other_text(string text)
    {
        Assert.False(CandleTimestamp.TryParse(text.AsSpan(), out _));
    }

    [Theory]
    [InlineData(Jan2, false, "2020-01-02T00:00:00Z")]
    [InlineData(Jan2, true, "2020-01-02")]
    [InlineData(Jan2 + 34_200_250, true, "2020-01-02T09:30:00.250Z")]
    [InlineData(-86_400_000, false, "1969-12-31T00:00:00Z")]
    public void Format_writes_iso_utc(long ms, bool dateOnly, string expected)
    {
        Assert.Equal(expected, CandleTimestamp.Format(ms, dateOnly));
    }

    [Fact]
    public void Format_then_parse_round_trips()
    {
        for (long ms = -5_000_000_000_000; ms < 5_000_000_000_000; ms += 123_456_789_011)
        {
            Assert.True(CandleTimestamp.TryParse(CandleTimestamp.Format(ms).AsSpan(), out long back));
            Assert.Equal(ms, back);
        }
    }
}
