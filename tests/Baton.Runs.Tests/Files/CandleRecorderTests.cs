using System.Globalization;
using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Events;
using Baton.Runs.Files;
using Baton.Engine.Data.Synthetic;
using Baton.Engine.Strategy;

namespace Baton.Runs.Tests.Files;

public class CandleRecorderTests
{
    private static readonly string[] Symbols = ["AAA", "BBB"];

    private static async Task<List<Candle>[]> ReadAll(ICandleSource source, int batch = 1000)
    {
        var streams = await source.OpenAsync(Symbols, new Timeframe(Timeframe.Hour), TimeRange.All, CancellationToken.None);
        var all = new List<Candle>[streams.Count];
        var buffer = new Candle[batch];
        for (int i = 0; i < streams.Count; i++)
        {
            all[i] = [];
            int n;
            while ((n = await streams[i].ReadAsync(buffer, CancellationToken.None)) > 0) all[i].AddRange(buffer.AsSpan(0, n).ToArray());
            await streams[i].DisposeAsync();
        }
        return all;
    }

    private static SyntheticCandleSource Synthetic(int bars) =>
        new(new DataSpec { Bars = bars, Seed = 3, Start = 1_700_000_000_000 / 3_600_000 * 3_600_000, StartPrice = 100, Volatility = 0.01 });

    private static List<string[]> Rows(string path) =>
        File.ReadAllLines(path).Skip(1).Select(l => l.Split(',')).ToList();

    [Fact]
    public async Task A_short_run_keeps_every_candle_per_symbol_in_symbol_order()
    {
        var recorder = new CandleRecorder(Synthetic(300));
        var read = await ReadAll(recorder);
        string path = Path.Combine(Path.GetTempPath(), $"candles-{Guid.NewGuid():N}.csv");
        recorder.Write(path);
        var rows = Rows(path);
        Assert.Equal("symbol,time,open,high,low,close,volume,candles", File.ReadLines(path).First());
        Assert.Equal(600, rows.Count);
        Assert.All(rows.Take(300), r => Assert.Equal("AAA", r[0]));
        Assert.All(rows, r => Assert.Equal("1", r[7]));
        Assert.Equal(read[1][299].Close, double.Parse(rows[^1][5], CultureInfo.InvariantCulture));
        Assert.Equal(Formats.Time(read[0][0].OpenTime), rows[0][1]);
    }

    [Fact]
    public async Task A_long_run_merges_consecutive_candles_into_at_most_5000_bars_per_symbol()
    {
        var recorder = new CandleRecorder(Synthetic(12_345));
        var read = await ReadAll(recorder);
        string path = Path.Combine(Path.GetTempPath(), $"candles-{Guid.NewGuid():N}.csv");
        recorder.Write(path);
        var aaa = Rows(path).Where(r => r[0] == "AAA").ToList();
        Assert.InRange(aaa.Count, 1, CandleRecorder.MaxBarsPerSymbol);
        Assert.Equal(12_345, aaa.Sum(r => long.Parse(r[7], CultureInfo.InvariantCulture)));
        Assert.All(aaa.SkipLast(1), r => Assert.Equal("4", r[7]));
        // the first bar is the first four candles: open of the first, extremes of all, close of the fourth
        var first = read[0].Take(4).ToList();
        Assert.Equal(first[0].Open, double.Parse(aaa[0][2], CultureInfo.InvariantCulture));
        Assert.Equal(first.Max(c => c.High), double.Parse(aaa[0][3], CultureInfo.InvariantCulture));
        Assert.Equal(first.Min(c => c.Low), double.Parse(aaa[0][4], CultureInfo.InvariantCulture));
        Assert.Equal(first[3].Close, double.Parse(aaa[0][5], CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(997)]
    [InlineData(4096)]
    public async Task Bars_are_those_of_merging_each_candle_one_by_one_whatever_the_batches(int batch)
    {
        var recorder = new CandleRecorder(Synthetic(23_456));
        var read = await ReadAll(recorder, batch);
        string path = Path.Combine(Path.GetTempPath(), $"candles-{Guid.NewGuid():N}.csv");
        recorder.Write(path);
        var oneByOne = new Downsampler<ChartBar>(CandleRecorder.MaxBarsPerSymbol);
        foreach (var c in read[1]) oneByOne.Add(new ChartBar(c, 1));
        var expected = oneByOne.Items.Select(b => string.Join(',', "BBB", Formats.Time(b.Candle.OpenTime), Formats.Number(b.Candle.Open),
            Formats.Number(b.Candle.High), Formats.Number(b.Candle.Low), Formats.Number(b.Candle.Close), Formats.Number(b.Candle.Volume),
            b.Candles.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(expected, File.ReadLines(path).Where(l => l.StartsWith("BBB,", StringComparison.Ordinal)));
    }
}
