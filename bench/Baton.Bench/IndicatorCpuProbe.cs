using System.Diagnostics;
using System.Globalization;
using Baton.Core.Indicators;
using Baton.Core.Market;

namespace Baton.Bench;

/// <summary>
/// <c>--indicator-cpu</c>: the per-update cost of every indicator measured in this thread's CPU time
/// (<c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>, Linux) rather than wall time, as a cross-check of
/// <see cref="IndicatorUpdate"/> on a shared machine: time the thread spends waiting for a core while other
/// processes run is not counted (what other processes do to the caches still is). Same inputs and loop as
/// <see cref="IndicatorUpdate"/>, one process per indicator as BenchmarkDotNet does: 3 warm-up passes of 1 M
/// candles, then 7 measured passes; prints the fastest and the median pass in ns per update.
/// </summary>
public static class IndicatorCpuProbe
{
    private const int WarmUpPasses = 3, Passes = 7;

    /// <summary>With no names, measures every indicator, each in a fresh process (so that no indicator's loop is
    /// compiled with another one's profile); with names, measures those here and prints one line each.</summary>
    public static int Run(string[] names)
    {
        if (names.Length > 0)
        {
            foreach (var name in names) Measure(name);
            return 0;
        }
        Console.WriteLine("indicator    fastest ns  median ns   (thread CPU time per update, 1 M candles a pass)");
        foreach (var d in IndicatorRegistry.Descriptors)
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = false };
            info.ArgumentList.Add(typeof(IndicatorCpuProbe).Assembly.Location);
            info.ArgumentList.Add("--indicator-cpu");
            info.ArgumentList.Add(d.Name);
            info.Environment["DOTNET_TC_CallCountingDelayMs"] = "0";
            using var child = Process.Start(info)!;
            child.WaitForExit();
            if (child.ExitCode != 0) return child.ExitCode;
        }
        return 0;
    }

    private static void Measure(string name)
    {
        var (candles, closes) = IndicatorInputs.Create(IndicatorUpdate.Candles);
        var indicator = IndicatorRegistry.Create(name, new Dictionary<string, double>());
        var times = new double[Passes];
        for (int pass = -WarmUpPasses; pass < Passes; pass++)
        {
            long start = ThreadCpuClock.Nanoseconds();
            Feed(indicator, candles, closes);
            long elapsed = ThreadCpuClock.Nanoseconds() - start;
            if (pass >= 0) times[pass] = (double)elapsed / IndicatorUpdate.Candles;
        }
        Array.Sort(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-12} {times[0],10:0.00} {times[Passes / 2],10:0.00}"));
    }

    private static double Feed(Indicator indicator, Candle[] candles, double[] closes)
    {
        indicator.Reset();
        if (indicator is SeriesIndicator series)
            foreach (double close in closes) series.Update(close);
        else
            foreach (ref readonly var candle in candles.AsSpan()) indicator.Update(candle);
        return indicator.Value;
    }
}
