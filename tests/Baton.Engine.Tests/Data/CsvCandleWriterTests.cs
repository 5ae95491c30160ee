using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Data.Checks;
using Baton.Engine.Data.Csv;
using Baton.Engine.Data.Synthetic;
using Baton.Engine.Strategy;

namespace Baton.Engine.Tests.Data;

public sealed class CsvCandleWriterTests : IDisposable
{
    private readonly DataTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData(1, Timeframe.Hour)]
    [InlineData(1, Timeframe.Day)]
    [InlineData(3, 15 * Timeframe.Minute)]
    [InlineData(2, Timeframe.Day)]
    public async Task Synthetic_to_csv_and_back_gives_the_same_candles(int symbolCount, long step)
    {
        var spec = new DataSpec { Bars = 3000, Seed = 11, StartPrice = 1.5, Volatility = 0.02 };
        string[] symbols = [.. Enumerable.Range(0, symbolCount).Select(i => $"S{i}")];
        string path = _files.PathOf("round.csv");
        var timeframe = new Timeframe(step);
        long rows = await SyntheticData.GenerateToCsvAsync(path, symbols, timeframe, spec, CancellationToken.None);
        Assert.Equal(3000L * symbolCount, rows);

        var expected = await DataTestFiles.ReadAllAsync(new SyntheticCandleSource(spec), symbols, timeframe: timeframe);
        var actual = await DataTestFiles.ReadAllAsync(new CsvCandleSource(path), symbols);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Daily_single_symbol_file_uses_dates_and_no_symbol_column()
    {
        string path = _files.PathOf("daily.csv");
        await SyntheticData.GenerateToCsvAsync(path, ["A"], Timeframe.OneDay, new DataSpec { Bars = 2 }, CancellationToken.None);
        var lines = File.ReadAllLines(path);
        Assert.Equal("timestamp,open,high,low,close,volume", lines[0]);
        Assert.StartsWith("2020-01-01,100,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("2020-01-02,", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Intraday_long_format_file_has_a_symbol_column_and_full_utc_times_in_merged_order()
    {
        string path = _files.PathOf("hourly.csv");
        await SyntheticData.GenerateToCsvAsync(path, ["B", "A"], new Timeframe(Timeframe.Hour), new DataSpec { Bars = 2 }, CancellationToken.None);
        var lines = File.ReadAllLines(path);
        Assert.Equal("symbol,timestamp,open,high,low,close,volume", lines[0]);
        Assert.Equal(["B,2020-01-01T00:00:00Z", "A,2020-01-01T00:00:00Z", "B,2020-01-01T01:00:00Z", "A,2020-01-01T01:00:00Z"],
            lines.Skip(1).Select(l => string.Join(',', l.Split(',').Take(2))));
    }

    [Fact]
    public async Task Daily_file_not_starting_at_midnight_writes_full_times()
    {
        string path = _files.PathOf("noon.csv");
        var spec = new DataSpec { Bars = 1, Start = DataTestFiles.Ms("2020-01-01T12:00:00Z") };
        await SyntheticData.GenerateToCsvAsync(path, ["A"], Timeframe.OneDay, spec, CancellationToken.None);
        Assert.StartsWith("2020-01-01T12:00:00Z,", File.ReadAllLines(path)[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_write_leaves_the_previous_file_and_no_temporary_file()
    {
        string path = _files.Write("keep.csv", "previous");
        var streams = new ICandleStream[] { new FailingStream() };
        await Assert.ThrowsAsync<CandleDataException>(() => CsvCandleWriter.WriteAsync(path, streams, Timeframe.OneDay, CancellationToken.None));
        Assert.Equal("previous", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_files.Folder));
    }

    [Fact]
    public async Task Symbols_that_would_break_the_csv_are_refused()
    {
        var streams = await new SyntheticCandleSource(new DataSpec { Bars = 1 })
            .OpenAsync(["A", "B,C"], Timeframe.OneDay, TimeRange.All, CancellationToken.None);
        await Assert.ThrowsAsync<ArgumentException>(() => CsvCandleWriter.WriteAsync(_files.PathOf("x.csv"), streams, Timeframe.OneDay, CancellationToken.None));
        Assert.Empty(Directory.GetFiles(_files.Folder));
    }

    [Fact]
    public async Task Arbitrary_doubles_round_trip_bit_for_bit()
    {
        var random = new Random(3);
        var candles = new Candle[20_000];
        for (int i = 0; i < candles.Length; i++)
        {
            double[] v = [.. Enumerable.Range(0, 4).Select(_ => RandomPrice(random)).Order()];
            candles[i] = new Candle(i * 1000L + 7, v[1], v[3], v[0], v[2], random.Next(3) == 0 ? 0 : RandomPrice(random));
        }
        string path = _files.PathOf("bits.csv");
        await CsvCandleWriter.WriteAsync(path, [new ArrayStream("A", candles)], new Timeframe(1000), CancellationToken.None);
        var back = await DataTestFiles.ReadAllAsync(new CsvCandleSource(path), ["A"]);
        Assert.Equal(candles, back[0]);
    }

    private static double RandomPrice(Random random) => random.Next(4) switch
    {
        0 => Math.Round(random.NextDouble() * 1e5, random.Next(0, 9)),
        1 => (1 + random.NextDouble() * 9) * Math.Pow(10, random.Next(-8, 12)),
        // any double a candle may hold (CandleValidator: prices within [1e-8, 1e12]); positive doubles' bits are ordered
        2 => BitConverter.Int64BitsToDouble(random.NextInt64(
            BitConverter.DoubleToInt64Bits(CandleValidator.MinPrice), BitConverter.DoubleToInt64Bits(CandleValidator.MaxPrice))),
        _ => random.Next(1, 1000) / 100.0 + random.Next(0, 10) * 1e-9,
    };

    private sealed class ArrayStream(string symbol, Candle[] candles) : ICandleStream
    {
        private int _next;

        public string Symbol => symbol;

        public ValueTask<int> ReadAsync(Memory<Candle> buffer, CancellationToken cancellationToken)
        {
            int count = Math.Min(buffer.Length, candles.Length - _next);
            candles.AsSpan(_next, count).CopyTo(buffer.Span);
            _next += count;
            return ValueTask.FromResult(count);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class FailingStream : ICandleStream
    {
        private int _reads;

        public string Symbol => "F";

        public ValueTask<int> ReadAsync(Memory<Candle> buffer, CancellationToken cancellationToken)
        {
            if (_reads++ > 0) throw new CandleDataException("f", 3, "high", "boom");
            buffer.Span[0] = new Candle(0, 1, 1, 1, 1, 1);
            return ValueTask.FromResult(1);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
