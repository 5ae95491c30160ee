using System.Globalization;
using Baton.Core.Market;
using Baton.Engine.Compilation;
using Baton.Engine.Trading;

namespace Baton.Bench;

/// <summary>
/// <c>--engine-cpu [PASSES]</c>: <see cref="EngineThroughput"/>'s two cases measured in thread CPU time
/// (<see cref="ThreadCpuClock"/>) instead of wall time, for a machine shared with other work: the engine and the
/// hand-written loop alternate pass by pass over the same 1 M candles (3 warm-up passes each), and the fastest and
/// the median pass of each are printed in ns per candle, with the engine's candles/s and its ratio to the loop.
/// Run it with <c>DOTNET_TC_CallCountingDelayMs=0</c>, as <see cref="ThroughputConfig"/> does.
/// </summary>
internal static class EngineCpuProbe
{
    private const int Candles = 1_000_000, WarmUpPasses = 3;

    public static int Run(int passes)
    {
        var definition = BenchmarkInputs.LoadStrategy();
        var candles = BenchmarkInputs.Candles(definition, Candles);
        Console.WriteLine($"{Candles:N0} candles a pass, {passes} passes after {WarmUpPasses} warm-up; thread CPU ns per candle (fastest / median)");
        foreach (bool limits in new[] { true, false })
        {
            var strategy = BenchmarkInputs.Compile(limits ? definition : BenchmarkInputs.WithoutLossLimits(definition));
            var engine = new double[passes];
            var hand = new double[passes];
            for (int pass = -WarmUpPasses; pass < passes; pass++)
            {
                double e = Time(() => RunEngine(strategy, candles));
                double h = Time(() => HandWrittenSmaCrossover.Run(candles, limits));
                if (pass < 0) continue;
                engine[pass] = e;
                hand[pass] = h;
            }
            Array.Sort(engine);
            Array.Sort(hand);
            double em = engine[passes / 2], hm = hand[passes / 2];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"loss limits {(limits ? "as written" : "removed   ")}: engine {engine[0]:F1} / {em:F1} ns = {1e3 / em:F1} M candles/s; " +
                $"hand-written {hand[0]:F1} / {hm:F1} ns; ratio (medians) {em / hm:F2}x"));
        }
        return 0;
    }

    private static double RunEngine(CompiledStrategy strategy, Candle[] candles)
    {
        var engine = new TradingEngine(strategy, EngineSinks.None);
        for (int i = 0; i < candles.Length; i++) engine.OnCandle(0, candles[i]);
        engine.Finish();
        return engine.Portfolio.Equity;
    }

    private static double Time(Func<double> run)
    {
        long start = ThreadCpuClock.Nanoseconds();
        double result = run();
        long elapsed = ThreadCpuClock.Nanoseconds() - start;
        GC.KeepAlive(result);
        return (double)elapsed / Candles;
    }
}
