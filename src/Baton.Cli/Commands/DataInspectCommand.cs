using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Baton.Engine.Data;
using Baton.Engine.Data.Checks;
using Baton.Postgres;

namespace Baton.Cli.Commands;

/// <summary><c>baton data inspect SOURCE</c>: symbols, first/last time, row counts, gaps and invalid rows.</summary>
internal static class DataInspectCommand
{
    public static Command Create()
    {
        var source = new Argument<string?>("source") { Description = "CSV or Parquet file, or a postgresql:// URI (default: $BATON_PG)", Arity = ArgumentArity.ZeroOrOne };
        var timeframe = new Option<string?>("--timeframe") { Description = "Bar length for counting gaps (default: the smallest step seen)" };
        var columns = new Option<string?>("--columns") { Description = "Parquet column names when they differ: timestamp=ts,volume=vol" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON" };
        var command = new Command("inspect", "List symbols, time ranges, row counts, gaps and invalid rows of a data source")
        {
            source, timeframe, columns, json,
        };
        command.SetAction((r, token) => CommandRunner.RunAsync(async () =>
        {
            string? location = r.GetValue(source);
            Core.Market.Timeframe? tf = null;
            if (r.GetValue(timeframe) is { } text)
                tf = Core.Market.Timeframe.TryParse(text, out var t) ? t : throw new CliException($"--timeframe {text}: expected {Core.Market.Timeframe.Expected}");
            IReadOnlyList<CandleInspection> reports;
            if (location is null || PostgresUri.IsUri(location))
            {
                var uri = PostgresUri.FromTextOrEnvironment(location, "baton data inspect");
                reports = await PostgresCandleInspector.InspectAsync(uri, token).ConfigureAwait(false);
            }
            else
            {
                var names = DataFiles.Columns(r.GetValue(columns));
                reports = [await CandleInspector.InspectAsync(onBad => DataFiles.OpenRowsAsync(location, "(file)", names, onBad, token), tf, token)
                    .ConfigureAwait(false)];
            }
            if (r.GetValue(json)) Console.Out.WriteLine(JsonSerializer.Serialize(reports, JsonOptions));
            else foreach (var report in reports) Print(report);
            return 0;
        }));
        return command;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static void Print(CandleInspection report)
    {
        var o = Console.Out;
        o.WriteLine($"{report.Source}: {report.Symbols.Count} symbol(s), gaps counted at {report.Timeframe?.ToString() ?? "(unknown timeframe)"}");
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"symbol",-12} {"rows",12} {"first",-24} {"last",-24} {"invalid",8} {"missing",9} {"gaps",6}"));
        foreach (var s in report.Symbols)
        {
            string first = s.First is { } f ? CandleTimestamp.Format(f) : "-";
            string last = s.Last is { } l ? CandleTimestamp.Format(l) : "-";
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {s.Symbol,-12} {s.Rows,12} {first,-24} {last,-24} {s.InvalidRows,8} {s.MissingBars,9} {s.Gaps,6}"));
        }
        if (report.UnreadableRows > 0) o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  unreadable rows: {report.UnreadableRows}"));
        foreach (string problem in report.Problems) o.WriteLine("  " + problem);
    }
}
