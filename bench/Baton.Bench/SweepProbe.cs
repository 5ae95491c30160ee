using System.Diagnostics;
using System.Globalization;
using Baton.Engine.Data;
using Baton.Engine.Data.Synthetic;
using Baton.Engine.Strategy;
using Baton.Research.Trials;
using Baton.Yaml;

namespace Baton.Bench;

/// <summary>
/// <c>--sweep [TRIALS] [CANDLES] [JOBS...]</c>: the SMA example over CANDLES hourly candles of its synthetic walk (default
/// 1 M), TRIALS trials (default 1,000: <c>fast_period</c> 5..54 × 20 values of <c>slow_period</c> 20..210:10, the first
/// TRIALS of that grid in odometer order) through <see cref="TrialBatch.RunAsync(IStrategyVariants, TrialData, IReadOnlyList{TrialSpec}, int, IProgress{TrialOutcome}?, CancellationToken)"/>
/// for each JOBS (default 1 and 2), against single backtests of the same data measured in the same process
/// (<see cref="TrialBatch.RunOneAsync"/> of five trials spread over the grid, each trial's time averaged and multiplied
/// by TRIALS). Prints wall times, candle-trials per second, the ratio to the reference, and the peak managed heap and
/// RSS sampled every 20 ms while the sweep runs. Every sweep outcome is checked against the reference's fills hash for
/// the trials the reference ran.
/// </summary>
internal static class SweepProbe
{
    public static async Task<int> RunAsync(int trials, int candles, int[] jobs)
    {
        var variants = new BenchVariants(Path.Combine(BenchmarkInputs.RepoRoot(), BenchmarkInputs.StrategyPath));
        var d = variants.Load([]);
        var data = new TrialData(new SyntheticCandleSource(d.Data with { Bars = candles }), TimeRange.All);
        var specs = Grid().Take(trials).ToArray();
        Console.WriteLine($"sweep probe: {trials} trials x {candles:N0} candles, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

        var sample = Enumerable.Range(0, 5).Select(i => specs[i * (specs.Length - 1) / 4]).Distinct().ToArray();
        await TrialBatch.RunOneAsync(variants, data, sample[0], CancellationToken.None);   // warm-up (JIT)
        var reference = new Dictionary<int, string?>();
        var referenceCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        foreach (var spec in sample) reference[spec.Id] = (await TrialBatch.RunOneAsync(variants, data, spec, CancellationToken.None)).FillsHash;
        double single = watch.Elapsed.TotalSeconds / sample.Length;
        double singleCpu = (Process.GetCurrentProcess().TotalProcessorTime - referenceCpu).TotalSeconds / sample.Length;
        double referenceTotal = single * trials;
        Console.WriteLine($"single backtest (RunOneAsync, mean of {sample.Length}): {single * 1000:F1} ms = {candles / single / 1e6:F1} M candles/s ({singleCpu * 1000:F1} ms of process CPU); x{trials} = {referenceTotal:F1} s");

        watch.Restart();
        foreach (var spec in specs.Take(50)) Baton.Engine.Compilation.StrategyCompiler.Compile(variants.Load(spec.Settings));
        double prepare = watch.Elapsed.TotalSeconds / Math.Min(50, specs.Length);
        watch.Restart();
        foreach (var spec in specs.Take(50)) variants.Load(spec.Settings);
        Console.WriteLine($"load and compile one trial: {prepare * 1000:F2} ms (load alone {watch.Elapsed.TotalMilliseconds / Math.Min(50, specs.Length):F2} ms)");
        double? first = null;
        foreach (int j in jobs)
        {
            using var peak = new PeakMemory();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            watch.Restart();
            var counts = new TrialBatchCounts();
            var outcomes = await TrialBatch.RunAsync(variants, data, specs, new TrialBatchOptions(j) { Counts = counts }, null, CancellationToken.None);
            double seconds = watch.Elapsed.TotalSeconds;
            double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            peak.Stop();
            foreach (var (id, hash) in reference)
                if (outcomes[id].FillsHash != hash) throw new InvalidOperationException($"trial {id}: fills hash differs from the reference");
            first ??= seconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"jobs {j}: {seconds:F2} s ({cpuSeconds:F1} s of process CPU), {(double)candles * trials / seconds / 1e6:F1} M candle-trials/s, {referenceTotal / seconds:F1}x the single backtests ({singleCpu * trials / cpuSeconds:F1}x in CPU), "
                + $"{first / seconds:F2}x jobs {jobs[0]}; {counts.Shared} shared, {counts.Alone} alone, {counts.Frozen} frozen by the end; peak managed {peak.Managed / 1e6:F0} MB, peak RSS {peak.Rss / 1e6:F0} MB"));
        }
        return 0;
    }

    /// <summary>fast_period 5..54 (slowest) × slow_period 20..210:10 (fastest), 1,000 trials.</summary>
    private static IEnumerable<TrialSpec> Grid()
    {
        int id = 0;
        for (int fast = 5; fast <= 54; fast++)
            for (int slow = 20; slow <= 210; slow += 10)
                yield return new TrialSpec(id++, [new("fast_period", Text(fast)), new("slow_period", Text(slow))]);
    }

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);

    private sealed class BenchVariants(string path) : IStrategyVariants
    {
        public string SourceFile => path;
        public IReadOnlyList<string> ParameterNames => ["fast_period", "slow_period"];

        public StrategyDefinition Load(IReadOnlyList<ParameterSetting> settings) =>
            StrategyLoader.Load(path, settings.ToDictionary(s => s.Name, s => s.Value));
    }

    /// <summary>The largest managed heap and resident set seen, sampled on its own thread.</summary>
    private sealed class PeakMemory : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;

        public PeakMemory()
        {
            GC.Collect();
            _thread = new Thread(() =>
            {
                using var process = Process.GetCurrentProcess();
                while (!_stop)
                {
                    Managed = Math.Max(Managed, GC.GetTotalMemory(false));
                    process.Refresh();
                    Rss = Math.Max(Rss, process.WorkingSet64);
                    Thread.Sleep(20);
                }
            }) { IsBackground = true };
            _thread.Start();
        }

        public long Managed { get; private set; }
        public long Rss { get; private set; }

        public void Stop()
        {
            _stop = true;
            _thread.Join();
        }

        public void Dispose() => Stop();
    }
}
