using System.Diagnostics;
using System.Globalization;
using Baton.Engine.Backtest;
using Baton.Engine.Compilation;
using Baton.Engine.Data;
using Baton.Engine.Data.Csv;
using Baton.Engine.Trading;
using Baton.Parquet;
using Baton.Yaml;

namespace Baton.Bench;

/// <summary>
/// The backtest loop of a strategy over a CSV or Parquet file, in one process, several times (the first run
/// includes JIT): read and merged one batch ahead, traded, no files written. Prints seconds and candles/s per
/// run. Separates the loop from what a whole <c>baton backtest</c> process adds (start-up, output files, report).
/// </summary>
internal static class BacktestLoopProbe
{
    public static async Task<int> RunAsync(string strategy, string data, int runs)
    {
        var definition = StrategyLoader.Load(strategy);
        ICandleSource source = data.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? new ParquetCandleSource(data) : new CsvCandleSource(data);
        for (int run = 1; run <= runs; run++)
        {
            var clock = Stopwatch.StartNew();
            var result = await BacktestRunner.RunAsync(StrategyCompiler.Compile(definition), source, TimeRange.All, new EngineSinks(), null, null,
                CancellationToken.None);
            double seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {run}: {result.Candles:N0} candles in {seconds:F2} s = {result.Candles / seconds / 1e6:F2} M candles/s"));
        }
        return 0;
    }
}
