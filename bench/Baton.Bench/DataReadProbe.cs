using System.Diagnostics;
using System.Globalization;
using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Data.Csv;
using Baton.Parquet;
using Baton.Postgres;

namespace Baton.Bench;

/// <summary>
/// Reads every candle of one symbol from a CSV file, a Parquet file or a PostgreSQL URI through its
/// <see cref="ICandleSource"/> (parsing and validation included, no engine) into one reused 4,096-candle buffer,
/// and prints candles/s. Used by bench/data.sh.
/// </summary>
internal static class DataReadProbe
{
    public static async Task<int> RunAsync(string location, string symbol, string timeframe)
    {
        if (!Timeframe.TryParse(timeframe, out var tf)) throw new ArgumentException($"bad timeframe {timeframe}");
        ICandleSource source = PostgresUri.IsUri(location) ? new PostgresCandleSource(PostgresUri.Parse(location))
            : location.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? new ParquetCandleSource(location)
            : new CsvCandleSource(location);
        var clock = Stopwatch.StartNew();
        var streams = await source.OpenAsync([symbol], tf, TimeRange.All, CancellationToken.None);
        await using var stream = streams[0];
        var buffer = new Candle[4096];
        long count = 0;
        double checksum = 0;
        int n;
        while ((n = await stream.ReadAsync(buffer, CancellationToken.None)) > 0)
        {
            count += n;
            checksum += buffer[n - 1].Close;
        }
        double seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{source.Description}: {count:N0} candles in {seconds:F2} s = {count / seconds / 1e6:F2} M candles/s (checksum {checksum:G6})"));
        return 0;
    }
}
