using System.CommandLine;
using System.Globalization;
using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Data.Files;
using Baton.Engine.Data.Merging;
using Baton.Engine.Data.Synthetic;
using Baton.Engine.Strategy;

namespace Baton.Cli.Commands;

/// <summary><c>baton data generate ...</c>: tools for getting candles in.</summary>
internal static class DataCommand
{
    public static Command Create() => new("data", "Generate, import, convert and inspect candle data")
    {
        Generate(), DataTransferCommands.Init(), DataTransferCommands.Import(), DataTransferCommands.Convert(), DataInspectCommand.Create(),
    };

    private static Command Generate()
    {
        var symbols = new Option<string>("--symbols") { Description = "Comma-separated symbols", DefaultValueFactory = _ => "SYN" };
        var bars = new Option<int>("--bars") { Description = "Candles per symbol", DefaultValueFactory = _ => 1000 }.Between(1, 100_000_000);
        var timeframe = new Option<string>("--timeframe") { Description = "Bar length: 1m, 15m, 1h, 1d ...", DefaultValueFactory = _ => "1d" };
        var seed = new Option<int>("--seed") { Description = "Random seed (same seed, same data)", DefaultValueFactory = _ => 1 };
        var start = new Option<string>("--start") { Description = "Open time of the first bar (UTC)", DefaultValueFactory = _ => "2020-01-01" };
        var price = new Option<double>("--price") { Description = "Starting price", DefaultValueFactory = _ => 100 }.Between(SyntheticLimits.MinPrice, SyntheticLimits.MaxPrice);
        var volatility = new Option<double>("--volatility") { Description = "Per-bar volatility of log returns", DefaultValueFactory = _ => 0.01 }.Between(0, 1);
        var output = new Option<string>("--out") { Description = "File to write: .csv, or .parquet", Required = true };
        var command = new Command("generate", "Write a seeded random-walk candle file (valid OHLC, any timeframe)")
        {
            symbols, bars, timeframe, seed, start, price, volatility, output,
        };
        command.SetAction((r, token) => CommandRunner.RunAsync(async () =>
        {
            if (!Timeframe.TryParse(r.GetValue(timeframe), out var tf))
                throw new CliException($"--timeframe {r.GetValue(timeframe)}: expected {Core.Market.Timeframe.Expected}");
            var names = Symbols(r.GetValue(symbols));
            var spec = new DataSpec
            {
                Bars = r.GetValue(bars),
                Seed = r.GetValue(seed),
                Start = CliOptions.Time(r.GetValue(start), "--start") ?? 0,
                StartPrice = r.GetValue(price),
                Volatility = r.GetValue(volatility),
            };
            Check(spec, tf);
            string path = r.GetValue(output)!;
            DataFiles.CheckOutput(path);
            long rows = DataFiles.IsParquetFile(path)
                ? await GenerateParquetAsync(path, names, tf, spec, token).ConfigureAwait(false)
                : await SyntheticData.GenerateToCsvAsync(path, names, tf, spec, token).ConfigureAwait(false);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {rows} candles to {path}"));
            return 0;
        }));
        return command;
    }

    /// <summary>Every option against <see cref="SyntheticLimits"/>, named as the user wrote it.</summary>
    private static void Check(DataSpec spec, Timeframe timeframe)
    {
        if (SyntheticLimits.PriceProblem(spec.StartPrice) is { } price) throw new CliException("--price: " + price);
        if (SyntheticLimits.VolatilityProblem(spec.Volatility) is { } volatility) throw new CliException("--volatility: " + volatility);
        if (SyntheticLimits.WindowProblem(spec.Start, spec.Bars, timeframe) is { } window) throw new CliException("--bars: " + window);
    }

    private static string[] Symbols(string? text)
    {
        var names = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0) throw new CliException("--symbols: expected at least one symbol");
        var repeated = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw new CliException($"--symbols: {Excerpt.Of(repeated.Key)} is given twice; expected distinct symbols");
        return names;
    }

    private static async Task<long> GenerateParquetAsync(string path, string[] symbols, Timeframe timeframe, DataSpec spec, CancellationToken token)
    {
        var streams = await new SyntheticCandleSource(spec).OpenAsync(symbols, timeframe, TimeRange.All, token).ConfigureAwait(false);
        var rows = new MergedCandleRows(streams, "synthetic");
        await using (rows.ConfigureAwait(false))
        {
            return await Baton.Parquet.ParquetCandleWriter.WriteAsync(path, rows, token).ConfigureAwait(false);
        }
    }
}
