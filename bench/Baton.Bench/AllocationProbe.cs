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
/// candles; once as written and once without its loss limits (so it trades to the end). Also prints what
/// the engine and the hand-written loop did over the same candles, to show the baseline does the same work.
/// </summary>
public static class AllocationProbe
{
    private const int WarmUp = 1_000_000, Measured = 1_000_000;

    public static int Run()
    {
        var definition = BenchmarkInputs.LoadStrategy();
        var candles = BenchmarkInputs.Candles(definition, WarmUp + Measured);
        long a = Probe("as written", definition, lossLimits: true, candles);
        long b = Probe("without loss limits", BenchmarkInputs.WithoutLossLimits(definition), lossLimits: false, candles);
        return a == 0 && b == 0 ? 0 : 1;
    }

    private static long Probe(string label, StrategyDefinition definition, bool lossLimits, Candle[] candles)
    {
        var events = new CountingSink();
        var engine = new TradingEngine(BenchmarkInputs.Compile(definition), new EngineSinks(events));
        foreach (ref readonly var c in candles.AsSpan(0, WarmUp)) engine.OnCandle(0, c);
        int ordersBefore = engine.Orders.Count;

        long before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        foreach (ref readonly var c in candles.AsSpan(WarmUp)) engine.OnCandle(0, c);
        clock.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        engine.Finish();

        var hand = new HandWrittenSmaCrossover(lossLimits);
        foreach (ref readonly var c in candles.AsSpan(0, WarmUp)) hand.OnCandle(c);
        long handBefore = GC.GetAllocatedBytesForCurrentThread();
        var handClock = Stopwatch.StartNew();
        foreach (ref readonly var c in candles.AsSpan(WarmUp)) hand.OnCandle(c);
        handClock.Stop();
        long handAllocated = GC.GetAllocatedBytesForCurrentThread() - handBefore;

        int orders = engine.Orders.Count - ordersBefore;
        Print($"{label}:");
        Print($"  engine {allocated} B over {Measured:N0} candles after {WarmUp:N0} warm-up = {(double)allocated / Measured:0.####} B/candle" +
              $" ({orders} orders in the measured candles{(orders > 0 ? $", {(double)allocated / orders:N0} B/order" : "")})");
        Print($"  hand-written loop {handAllocated} B over the same candles");
        Print($"  one timed pass (indicative; quote BenchmarkDotNet): engine {Measured / clock.Elapsed.TotalSeconds:N0} candles/s," +
              $" hand-written {Measured / handClock.Elapsed.TotalSeconds:N0} candles/s");
        string stopped = events.StoppedAt is { } t ? $" since candle {(t - candles[0].OpenTime) / definition.Timeframe.Milliseconds:N0}" : "";
        Print($"  engine: {engine.Orders.Count} orders, {events.Fills} fills, {engine.Portfolio.Trades.Count} closed trades, " +
              $"state {engine.Portfolio.State}{stopped}, final equity {engine.Tracker.Equity:N2}, bars in market {engine.Tracker.BarsInMarket:N0}");
        Print($"  hand:   {hand.Trades} closed trades, halted {hand.Halted}, final equity {hand.Equity:N2}, bars in market {hand.BarsInMarket:N0}");
        return allocated;
    }

    private static void Print(string line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));

    /// <summary>Counts what the engine reports without keeping it (so it allocates nothing itself).</summary>
    private sealed class CountingSink : IEventSink
    {
        public int Fills { get; private set; }
        public long? StoppedAt { get; private set; }

        public void Publish(EngineEvent e)
        {
            if (e is FillEvent) Fills++;
            else if (e is StoppedEvent) StoppedAt ??= e.Time;
        }
    }
}
