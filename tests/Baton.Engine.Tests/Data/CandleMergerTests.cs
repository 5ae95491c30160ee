using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Data.Merging;

namespace Baton.Engine.Tests.Data;

public class CandleMergerTests
{
    [Fact]
    public async Task Merges_by_time_with_ties_to_the_lower_symbol_index()
    {
        var merger = new CandleMerger([Stream("A", 1, 3, 5, 7), Stream("B", 1, 2, 5, 8), Stream("C", 0, 5)], batchSize: 2);
        var (times, symbols) = await ReadAll(merger, 3);
        Assert.Equal([0L, 1, 1, 2, 3, 5, 5, 5, 7, 8], times);
        Assert.Equal([2, 0, 1, 1, 0, 0, 1, 2, 0, 1], symbols);
    }

    [Fact]
    public async Task Single_stream_passes_straight_through_with_index_0()
    {
        var merger = new CandleMerger([Stream("A", 1, 2, 3)]);
        var (times, symbols) = await ReadAll(merger, 2);
        Assert.Equal([1L, 2, 3], times);
        Assert.Equal([0, 0, 0], symbols);
    }

    [Fact]
    public async Task Empty_streams_and_no_streams_end_at_once()
    {
        Assert.Empty((await ReadAll(new CandleMerger([]), 4)).Times);
        var (times, symbols) = await ReadAll(new CandleMerger([Stream("A"), Stream("B", 4), Stream("C")]), 4);
        Assert.Equal([4L], times);
        Assert.Equal([1], symbols);
    }

    [Fact]
    public async Task Many_streams_merge_like_a_stable_sort()
    {
        var random = new Random(5);
        var streams = Enumerable.Range(0, 9).Select(s =>
        {
            long t = 0;
            return Stream($"S{s}", [.. Enumerable.Range(0, random.Next(0, 2000)).Select(_ => t += random.Next(1, 5))]);
        }).ToArray();
        var expected = streams.SelectMany((s, i) => s.Times.Select(t => (t, i))).OrderBy(x => x.t).ThenBy(x => x.i).ToList();
        var (times, symbols) = await ReadAll(new CandleMerger(streams, batchSize: 64), 100);
        Assert.Equal(expected.Select(x => x.t), times);
        Assert.Equal(expected.Select(x => x.i), symbols);
    }

    [Fact]
    public async Task Disposing_the_merger_disposes_the_streams()
    {
        var a = Stream("A", 1);
        await new CandleMerger([a, Stream("B")]).DisposeAsync();
        Assert.True(a.Disposed);
    }

    private static ListStream Stream(string symbol, params long[] times) => new(symbol, times);

    private static async Task<(List<long> Times, List<int> Symbols)> ReadAll(CandleMerger merger, int batch)
    {
        var candles = new Candle[batch];
        var indexes = new int[batch];
        var times = new List<long>();
        var symbols = new List<int>();
        int count;
        while ((count = await merger.ReadAsync(candles, indexes, CancellationToken.None)) > 0)
        {
            times.AddRange(candles.Take(count).Select(c => c.OpenTime));
            symbols.AddRange(indexes.Take(count));
        }
        await merger.DisposeAsync();
        return (times, symbols);
    }

    /// <summary>A stream over fixed times that hands out at most 3 candles per read, to exercise partial reads.</summary>
    private sealed class ListStream(string symbol, long[] times) : ICandleStream
    {
        private int _next;

        public string Symbol { get; } = symbol;
        public long[] Times { get; } = times;
        public bool Disposed { get; private set; }

        public ValueTask<int> ReadAsync(Memory<Candle> buffer, CancellationToken cancellationToken)
        {
            int count = Math.Min(Math.Min(buffer.Length, 3), Times.Length - _next);
            for (int i = 0; i < count; i++) buffer.Span[i] = new Candle(Times[_next++], 1, 1, 1, 1, 1);
            return ValueTask.FromResult(count);
        }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
