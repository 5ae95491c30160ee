using Baton.Core.Market;
using Baton.Engine.Data;

namespace Baton.Engine.Tests.Data;

public class CandleValidatorTests
{
    private static readonly Candle Good = new(1_000, 100, 101.5, 99, 100.5, 10);

    [Fact]
    public void Validate_accepts_valid_candles_in_increasing_time()
    {
        var validator = new CandleValidator("data/btc.csv");
        validator.Validate(Good, 2);
        validator.Validate(Good with { OpenTime = 2_000, Open = 99, Close = 101.5, Volume = 0 }, 3);
        Assert.Equal(2_000, validator.PreviousOpenTime);
    }

    [Theory]
    [InlineData("open", double.NaN, "expected a finite number, got NaN")]
    [InlineData("high", double.PositiveInfinity, "expected a finite number, got Infinity")]
    [InlineData("low", double.NegativeInfinity, "expected a finite number, got -Infinity")]
    [InlineData("close", double.NaN, "expected a finite number, got NaN")]
    [InlineData("volume", double.PositiveInfinity, "expected a finite number, got Infinity")]
    [InlineData("open", 0.0, "expected open > 0, got 0")]
    [InlineData("low", -1.0, "expected low > 0, got -1")]
    [InlineData("high", 98.0, "expected high >= low (99), got 98")]
    [InlineData("open", 102.0, "expected open within [low, high] = [99, 101.5], got 102")]
    [InlineData("close", 98.5, "expected close within [low, high] = [99, 101.5], got 98.5")]
    [InlineData("volume", -5.0, "expected volume >= 0, got -5")]
    public void Validate_names_source_row_field_and_expectation(string field, double value, string problem)
    {
        var candle = field switch
        {
            "open" => Good with { Open = value },
            "high" => Good with { High = value },
            "low" => Good with { Low = value },
            "close" => Good with { Close = value },
            _ => Good with { Volume = value },
        };
        var error = Assert.Throws<CandleDataException>(() => new CandleValidator("data/btc.csv").Validate(candle, 17));
        Assert.Equal($"data/btc.csv:17:{field}: {problem}", error.Message);
        Assert.Equal(("data/btc.csv", 17L, field), (error.DataSource, error.Row, error.Field));
    }

    [Fact]
    public void Validate_message_matches_the_documented_example()
    {
        var error = Assert.Throws<CandleDataException>(
            () => new CandleValidator("data/btc.csv").Validate(new Candle(0, 100, 99.2, 101.5, 100, 1), 17));
        Assert.Equal("data/btc.csv:17:high: expected high >= low (101.5), got 99.2", error.Message);
    }

    [Fact]
    public void Validate_rejects_a_duplicate_time()
    {
        var validator = new CandleValidator("f.csv", "BTC");
        validator.Validate(Good, 2);
        var error = Assert.Throws<CandleDataException>(() => validator.Validate(Good, 3));
        Assert.Equal("f.csv:3:timestamp: expected a time after the previous candle of BTC (1970-01-01T00:00:01Z), " +
            "got 1970-01-01T00:00:01Z (duplicate)", error.Message);
    }

    [Fact]
    public void Validate_rejects_a_time_going_backwards()
    {
        var validator = new CandleValidator("f.csv");
        validator.Validate(Good, 2);
        var error = Assert.Throws<CandleDataException>(() => validator.Validate(Good with { OpenTime = 0 }, 3));
        Assert.Equal("f.csv:3:timestamp: expected a time after the previous candle (1970-01-01T00:00:01Z), " +
            "got 1970-01-01T00:00:00Z (out of order)", error.Message);
    }

    [Fact]
    public void Reset_forgets_the_previous_time()
    {
        var validator = new CandleValidator("f.csv");
        validator.Validate(Good, 2);
        validator.Reset();
        validator.Validate(Good, 2);
        Assert.Equal(Good.OpenTime, validator.PreviousOpenTime);
    }
}
