using System.Diagnostics;
using System.Globalization;
using Baton.Core.Market;
using Baton.Engine.Events;
using Baton.Engine.Strategy;
using Baton.Engine.Trading;

namespace Baton.Bench;

/// <summary>
/// <c>--alloc</c>: the per-candle allocation gate, outside BenchmarkDotNet. Feeds the example 1 M candles to
/// warm up (JIT tiers, list capacities), then counts the bytes this thread allocates over the next 1 M
/// candles, in two halves so a cost can be pinned: orders allocate (order, transitions, events, position,
/// trade), and the tracker's end-of-day equity list grows by doubling (one double per day, 24 hourly candles;
/// its capacity passes 65,536 days at candle 1,572,864, inside the second half). Runs once as written and once
/// without the loss limits (it then keeps trading), and prints what the engine and the hand-written loop did.
/// </summary>
public static class AllocationProbe
{
    private const int WarmUp = 1_000_000, Half = 500_000;

    /// <returns>0 when the as-written run allocates nothing over a window with no order and no list growth.</returns>
    public static int Run()
    {
        var definition = BenchmarkInputs.LoadStrategy();
        var candles = BenchmarkInputs.Candles(definition, WarmUp + 2 * Half);
        long quiet = Probe("as written", definition, lossLimits: true, candles);
        Probe("without loss limits", BenchmarkInputs.WithoutLossLimits(definition), lossLimits: false, candles);
        return quiet == 0 ? 0 : 1;
    }

    private static long Probe(string label, StrategyDefinition definition, bool lossLimits, Candle[] candles)
    {
        var events = new CountingSink();
        var engine = new TradingEngine(BenchmarkInputs.Compile(definition), new EngineSinks(events));
        foreach (ref readonly var c in candles.AsSpan(0, WarmUp)) engine.OnCandle(0, c);
        Print($"{label}:");
        var clock = Stopwatch.StartNew();
        var first = Measure(engine, candles.AsSpan(WarmUp, Half));
        var second = Measure(engine, candles.AsSpan(WarmUp + Half, Half));
        clock.Stop();
        engine.Finish();
        long total = first.Bytes + second.Bytes;
        Print($"  engine, candles {WarmUp:N0}..{WarmUp + 2 * Half:N0} after {WarmUp:N0} warm-up: {total:N0} B = {(double)total / (2 * Half):0.####} B/candle");
        PrintHalf("first half ", first);
        PrintHalf("second half", second);

        var hand = new HandWrittenSmaCrossover(lossLimits);
        foreach (ref readonly var c in candles.AsSpan(0, WarmUp)) hand.OnCandle(c);
        long handBefore = GC.GetAllocatedBytesForCurrentThread();
        var handClock = Stopwatch.StartNew();
        foreach (ref readonly var c in candles.AsSpan(WarmUp)) hand.OnCandle(c);
        handClock.Stop();
        long handAllocated = GC.GetAllocatedBytesForCurrentThread() - handBefore;
        Print($"  hand-written loop, same candles: {handAllocated:N0} B");
        Print($"  one timed pass (indicative only; BenchmarkDotNet's figures are the ones to quote): engine " +
              $"{2 * Half / clock.Elapsed.TotalSeconds:N0} candles/s, hand-written {2 * Half / handClock.Elapsed.TotalSeconds:N0} candles/s");
        string stopped = events.StoppedAt is { } t ? $" since candle {(t - candles[0].OpenTime) / definition.Timeframe.Milliseconds:N0}" : "";
        Print($"  engine over all {candles.Length:N0}: {engine.Orders.Count} orders, {events.Fills} fills, {engine.Portfolio.Trades.Count} closed trades, " +
              $"state {engine.Portfolio.State}{stopped}, final equity {engine.Tracker.Equity:N2}, bars in market {engine.Tracker.BarsInMarket:N0}");
        Print($"  hand-written over all:    {hand.Trades} closed trades, halted {hand.Halted}, final equity {hand.Equity:N2}, bars in market {hand.BarsInMarket:N0}");
        return first.Bytes;
    }

    private static (long Bytes, int Orders, long ListGrowth) Measure(TradingEngine engine, ReadOnlySpan<Candle> candles)
    {
        int orders = engine.Orders.Count, days = engine.Tracker.DailyEquities.Length;
        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (ref readonly var c in candles) engine.OnCandle(0, c);
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        return (bytes, engine.Orders.Count - orders, DailyListGrowth(days, engine.Tracker.DailyEquities.Length));
    }

    /// <summary>Bytes a <see cref="List{T}"/> of doubles (capacity 256, doubling) allocates growing from
    /// <paramref name="from"/> to <paramref name="to"/> elements: an array of twice the capacity each time it is full.</summary>
    private static long DailyListGrowth(int from, int to)
    {
        long bytes = 0;
        for (long capacity = 256; capacity < to; capacity *= 2)
            if (capacity >= from) bytes += 2 * capacity * sizeof(double) + 24;
        return bytes;
    }

    private static void PrintHalf(string name, (long Bytes, int Orders, long ListGrowth) m)
    {
        long rest = m.Bytes - m.ListGrowth;
        Print($"    {name}: {m.Bytes,10:N0} B, {m.Orders,5} orders; daily-equity list growth {m.ListGrowth:N0} B, other {rest:N0} B" +
              (m.Orders > 0 ? $" ({(double)rest / m.Orders:N0} B per order)" : ""));
    }

    private static void Print(string line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));

    /// <summary>Counts what the engine reports without keeping it (so it allocates nothing itself).</summary>
    private sealed class CountingSink : IEventSink
    {
        public int Fills { get; private set; }
        public long? StoppedAt { get; private set; }

        public void Publish(EngineEvent e)
        {
            if (e is OrderFilled) Fills++;
            else if (e is TradingStopped) StoppedAt ??= e.Time;
        }
    }
}
