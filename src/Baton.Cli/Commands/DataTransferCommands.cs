using System.CommandLine;
using System.Globalization;
using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Data.Checks;
using Baton.Engine.Data.Csv;
using Baton.Engine.Data.Merging;
using Baton.Parquet;
using Baton.Postgres;
using Spectre.Console;

namespace Baton.Cli.Commands;

/// <summary><c>baton data init|import|convert</c>: getting candles into PostgreSQL and between file formats.</summary>
internal static class DataTransferCommands
{
    public static Command Init()
    {
        var uri = new Argument<string?>("uri") { Description = "postgresql://user:password@host:port/database[?table=candles] (default: $BATON_PG)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("init", "Create the candles table in PostgreSQL (idempotent)") { uri };
        command.SetAction((r, token) => CommandRunner.RunAsync(async () =>
        {
            var target = PostgresUri.FromTextOrEnvironment(r.GetValue(uri), "baton data init");
            await CandleTable.CreateAsync(target, token).ConfigureAwait(false);
            Console.Out.WriteLine($"table {target.Table} is ready in {target.Redacted}");
            return 0;
        }));
        return command;
    }

    public static Command Import()
    {
        var file = new Argument<string>("file") { Description = "CSV or Parquet file of candles" };
        var to = new Option<string?>("--to") { Description = "postgresql:// URI of the database (default: $BATON_PG)" };
        var timeframe = new Option<string?>("--timeframe") { Description = "Timeframe to store (default: the smallest step between two candles)" };
        var symbol = new Option<string?>("--symbol") { Description = "Symbol of a file without a symbol column; with one, import only this symbol" };
        var columns = Columns();
        var command = new Command("import", "Import candles into PostgreSQL with binary COPY, in one transaction; re-importing adds no duplicates")
        {
            file, to, timeframe, symbol, columns,
        };
        command.SetAction((r, token) => CommandRunner.RunAsync(async () =>
        {
            var target = PostgresUri.FromTextOrEnvironment(r.GetValue(to), "--to");
            var tf = Timeframe(r.GetValue(timeframe));
            string path = r.GetValue(file)!;
            string? only = r.GetValue(symbol);
            var raw = await DataFiles.OpenRowsAsync(path, only ?? "", DataFiles.Columns(r.GetValue(columns)), null, token).ConfigureAwait(false);
            var rows = new CheckedCandleRows(raw);
            await using (rows.ConfigureAwait(false))
            {
                if (!rows.HasSymbolColumn && only is null)
                    throw new CliException($"{path} has no symbol column: give the symbol with --symbol");
                string? filter = rows.HasSymbolColumn ? only : null;
                var result = await WithProgress($"import {Path.GetFileName(path)}",
                    p => PostgresCandleImporter.ImportAsync(target, rows, tf, filter, p, token)).ConfigureAwait(false);
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"read {result.Read} rows from {path}; {result.Inserted} new candles ({result.Timeframe}) in table {target.Table} of {target.Redacted}"));
            }
            return 0;
        }));
        return command;
    }

    public static Command Convert()
    {
        var input = new Argument<string>("input") { Description = "CSV or Parquet file, or a postgresql:// URI (with --symbols and --timeframe)" };
        var output = new Option<string>("--out") { Description = "File to write: .csv or .parquet", Required = true };
        var symbols = new Option<string?>("--symbols") { Description = "Symbols to read from PostgreSQL (comma-separated)" };
        var timeframe = new Option<string?>("--timeframe") { Description = "Timeframe (PostgreSQL: required; CSV output: daily bars written as dates)" };
        var columns = Columns();
        var command = new Command("convert", "Convert candles between CSV and Parquet (by extension), validating every row")
        {
            input, output, symbols, timeframe, columns,
        };
        command.SetAction((r, token) => CommandRunner.RunAsync(async () =>
        {
            string from = r.GetValue(input)!, to = r.GetValue(output)!;
            var tf = Timeframe(r.GetValue(timeframe));
            if (!DataFiles.IsParquetFile(to) && !DataFiles.IsCsvFile(to)) throw new CliException($"--out {to}: expected a .csv or .parquet file");
            DataFiles.CheckOutput(to);
            var rows = await OpenForConvertAsync(from, r.GetValue(symbols), tf, DataFiles.Columns(r.GetValue(columns)), token).ConfigureAwait(false);
            await using (rows.ConfigureAwait(false))
            {
                long count = DataFiles.IsParquetFile(to)
                    ? await ParquetCandleWriter.WriteAsync(to, rows, token).ConfigureAwait(false)
                    : await CsvCandleWriter.WriteAsync(to, rows, tf, token).ConfigureAwait(false);
                string shown = PostgresUri.IsUri(from) ? PostgresUri.RedactText(from) : from;
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {count} candles from {shown} to {to}"));
            }
            return 0;
        }));
        return command;
    }

    private static async Task<ICandleRowReader> OpenForConvertAsync(string from, string? symbols, Timeframe? tf, Baton.Engine.Strategy.DataColumns? columns,
        CancellationToken token)
    {
        if (!PostgresUri.IsUri(from))
            return new CheckedCandleRows(await DataFiles.OpenRowsAsync(from, "", columns, null, token).ConfigureAwait(false));
        var names = symbols?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        if (names.Length == 0 || tf is null) throw new CliException("reading PostgreSQL needs --symbols and --timeframe");
        var source = new PostgresCandleSource(PostgresUri.Parse(from));
        var streams = await source.OpenAsync(names, tf.Value, TimeRange.All, token).ConfigureAwait(false);
        return new MergedCandleRows(streams, source.Description);
    }

    private static Option<string?> Columns() =>
        new("--columns") { Description = "Parquet column names when they differ: timestamp=ts,volume=vol,symbol=ticker" };

    private static Timeframe? Timeframe(string? text)
    {
        if (text is null) return null;
        return Core.Market.Timeframe.TryParse(text, out var tf) ? tf : throw new CliException($"--timeframe {text}: expected {Core.Market.Timeframe.Expected}");
    }

    private static async Task<T> WithProgress<T>(string label, Func<IProgress<(long Rows, double Fraction)>?, Task<T>> body)
    {
        if (Console.IsOutputRedirected || Console.IsErrorRedirected) return await body(null).ConfigureAwait(false);
        T result = default!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(label, maxValue: 1);
                var progress = new Progress<(long Rows, double Fraction)>(p =>
                {
                    task.Value = p.Fraction;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"{label}: {p.Rows:N0} rows");
                });
                result = await body(progress).ConfigureAwait(false);
                task.Value = 1;
                task.StopTask();
            }).ConfigureAwait(false);
        return result;
    }
}
