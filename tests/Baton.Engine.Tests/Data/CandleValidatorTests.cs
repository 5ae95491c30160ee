using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Data.Checks;

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
    [InlineData("high", 1e30, "expected high within [1E-08, 1000000000000] (the prices Baton's ledger holds), got 1E+30")]
    [InlineData("open", 1e308, "expected open within [1E-08, 1000000000000] (the prices Baton's ledger holds), got 1E+308")]
    [InlineData("low", 1e-9, "expected low within [1E-08, 1000000000000] (the prices Baton's ledger holds), got 1E-09")]
    [InlineData("low", double.Epsilon, "expected low within [1E-08, 1000000000000] (the prices Baton's ledger holds), got 5E-324")]
    [InlineData("volume", 1.5e18, "expected volume <= 1E+18, got 1.5E+18")]
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

/// <summary>The column check (Parquet's fast path) against the row check, on random rows with random faults.</summary>
public class CandleValidatorColumnTests
{
    [Fact]
    public void Column_check_gives_the_row_check_answer_row_and_message_and_stops_after_the_first_row_past_the_end()
    {
        var random = new Random(11);
        double[] bad = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0, -1, 1e9];
        for (int trial = 0; trial < 3000; trial++)
        {
            int n = random.Next(0, 40);
            var rows = new Candle[n];
            long time = random.Next(3) == 0 ? -5_000 : 1_000;
            for (int i = 0; i < n; i++)
            {
                time += random.Next(12) switch { 0 => 0, 1 => -1_000, _ => 1_000 };   // duplicates and steps back now and then
                double low = 90 + random.NextDouble() * 10, high = low + random.NextDouble() * 5;
                var c = new Candle(time, low + (high - low) * random.NextDouble(), high, low, low + (high - low) * random.NextDouble(), random.NextDouble() * 100);
                if (random.Next(60) == 0)
                {
                    double v = bad[random.Next(bad.Length)];
                    c = random.Next(5) switch
                    {
                        0 => c with { Open = v }, 1 => c with { High = v }, 2 => c with { Low = v }, 3 => c with { Close = v }, _ => c with { Volume = v },
                    };
                }
                rows[i] = c;
            }
            long stopAfter = random.Next(2) == 0 ? long.MaxValue : 1_000 + random.Next(0, 40) * 1_000;
            bool continues = random.Next(2) == 0;   // a validator that has seen a previous batch
            var byRow = new CandleValidator("f.parquet", "X");
            var byColumn = new CandleValidator("f.parquet", "X");
            if (continues)
            {
                byRow.Validate(new Candle(-10_000, 1, 1, 1, 1, 1), 1);
                byColumn.Validate(new Candle(-10_000, 1, 1, 1, 1, 1), 1);
            }

            string? rowError = null;
            int rowChecked = 0;
            try
            {
                foreach (var c in rows)
                {
                    byRow.Validate(c, 2 + rowChecked);
                    rowChecked++;
                    if (c.OpenTime > stopAfter) break;
                }
            }
            catch (CandleDataException e)
            {
                rowError = e.Message;
            }

            string? columnError = null;
            int columnChecked = -1;
            try
            {
                columnChecked = byColumn.Validate(rows.Select(c => c.OpenTime).ToArray(), rows.Select(c => c.Open).ToArray(),
                    rows.Select(c => c.High).ToArray(), rows.Select(c => c.Low).ToArray(), rows.Select(c => c.Close).ToArray(),
                    rows.Select(c => c.Volume).ToArray(), 2, stopAfter);
            }
            catch (CandleDataException e)
            {
                columnError = e.Message;
            }

            Assert.Equal(rowError, columnError);
            if (rowError is null) Assert.Equal(rowChecked, columnChecked);
            Assert.Equal(byRow.PreviousOpenTime, byColumn.PreviousOpenTime);
        }
    }
}
