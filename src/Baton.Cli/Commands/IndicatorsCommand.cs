using System.CommandLine;
using System.Globalization;
using Baton.Core.Indicators;
using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Data.Csv;
using Baton.Engine.Data.Files;
using Spectre.Console;

namespace Baton.Cli.Commands;

/// <summary><c>baton indicators list</c> (indicators, then signals) and <c>baton indicators compute --data FILE --indicator SPEC...</c>.</summary>
internal static class IndicatorsCommand
{
    private const int BatchSize = 4096;

    public static Command Create() => new("indicators", "List the indicator and signal types, or compute indicators over a candle file") { List(), Compute() };

    private static Command List()
    {
        var command = new Command("list", "Every indicator type (parameters with defaults, outputs in order, warm-up for the defaults), then every signal type");
        command.SetAction((_, _) => CommandRunner.RunAsync(() =>
        {
            var rows = IndicatorRegistry.Descriptors.Select(Describe).ToList();
            if (Console.IsOutputRedirected)
            {
                PrintPlain(rows);
                SignalList.PrintPlain();
            }
            else
            {
                PrintTable(rows);
                SignalList.PrintTable();
            }
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command Compute()
    {
        var data = new Option<string>("--data") { Description = "Candle CSV file (timestamp,open,high,low,close,volume)", Required = true };
        var indicator = new Option<string[]>("--indicator")
        {
            Description = "name[:key=value,...], e.g. sma:period=10, macd:fast=12,slow=26,signal=9, max:period=20,source=high (one or more)",
            AllowMultipleArgumentsPerToken = false,
        };
        var format = new Option<string>("--format") { Description = "csv or json", DefaultValueFactory = _ => "csv" };
        var symbol = new Option<string?>("--symbol") { Description = "The symbol to read when the file has a symbol column" };
        var command = new Command("compute", "Compute indicators over a candle file: one row per candle, one column per output")
        {
            data, indicator, format, symbol,
        };
        command.SetAction((r, token) => CommandRunner.RunAsync(() =>
            ComputeAsync(r.GetValue(data)!, r.GetValue(indicator) ?? [], r.GetValue(format)!, r.GetValue(symbol), token)));
        return command;
    }

    private static async Task<int> ComputeAsync(string path, string[] specs, string format, string? symbol, CancellationToken token)
    {
        if (specs.Length == 0) throw new CliException("--indicator: give at least one, e.g. --indicator sma:period=10 (baton indicators list shows every type)");
        var requests = specs.Select(IndicatorRequest.Parse).ToList();
        var columns = new List<string>();
        foreach (var request in requests)
            foreach (var column in request.Columns)
            {
                if (columns.Contains(column)) throw new CliException($"--indicator {request.Spec}: column '{column}' is already computed by an earlier --indicator");
                columns.Add(column);
            }
        if (format is not ("csv" or "json")) throw new CliException($"--format {format}: expected csv or json");
        if (InputFile.Problem(path) is { } problem)
            throw new CliException(problem == "file not found" ? $"data file not found: {path}" : $"data file {path}: {problem}");

        var indicators = requests.Select(r => r.Create()).ToArray();
        var streams = await new CsvCandleSource(path).OpenAsync([symbol ?? Path.GetFileNameWithoutExtension(path)], Timeframe.OneDay,
            TimeRange.All, token).ConfigureAwait(false);
        await using var stream = streams[0];
        using var output = Console.OpenStandardOutput();
        using var rows = IndicatorRows.Create(format, output, columns);
        var buffer = new Candle[BatchSize];
        var values = new double[columns.Count];
        int count;
        while ((count = await stream.ReadAsync(buffer, token).ConfigureAwait(false)) > 0)
        {
            for (int i = 0; i < count; i++)
            {
                Update(requests, indicators, buffer[i], values);
                rows.Write(buffer[i].OpenTime, values);
            }
        }
        rows.Finish();
        return 0;
    }

    private static void Update(List<IndicatorRequest> requests, Indicator[] indicators, in Candle candle, double[] values)
    {
        int column = 0;
        for (int k = 0; k < indicators.Length; k++)
        {
            var indicator = indicators[k];
            if (indicator is SeriesIndicator series) series.Update(requests[k].Source.Read(candle));
            else indicator.Update(candle);
            for (int o = 0; o < indicator.OutputCount; o++) values[column++] = indicator[o];
        }
    }

    private static readonly string[] PlainHeader = ["name", "parameters", "outputs", "warm_up", "input", "title"];

    private sealed record Row(string Name, string Parameters, string Outputs, string WarmUp, string Input, string Title);

    private static Row Describe(IndicatorDescriptor d)
    {
        var indicator = d.Create(new IndicatorArguments(d, new Dictionary<string, double>()));
        string parameters = d.Parameters.Count == 0 ? "-"
            : string.Join(',', d.Parameters.Select(p => p.Name + "=" + p.Default.ToString("R", CultureInfo.InvariantCulture)));
        var later = Enumerable.Range(1, d.Outputs.Count - 1)
            .Where(o => indicator.OutputWarmUpPeriod(o) != indicator.WarmUpPeriod)
            .Select(o => string.Create(CultureInfo.InvariantCulture, $"{d.Outputs[o]}={indicator.OutputWarmUpPeriod(o)}"));
        string warmUp = string.Join(";", new[] { indicator.WarmUpPeriod.ToString(CultureInfo.InvariantCulture) }.Concat(later));
        string input = d.Input == IndicatorInput.Series ? "series" : "candle";
        return new Row(d.Name, parameters, string.Join(',', d.Outputs), warmUp, input, d.Title);
    }

    /// <summary>Columns separated by two spaces, padded; no field but the last (the title) contains a space. A warm-up
    /// reads <c>28;plus_di=15</c>: the first output's, then each output that is ready at another bar.</summary>
    private static void PrintPlain(List<Row> rows)
    {
        var all = new List<string[]> { PlainHeader };
        all.AddRange(rows.Select(r => new[] { r.Name, r.Parameters, r.Outputs, r.WarmUp, r.Input, r.Title }));
        var widths = Enumerable.Range(0, 5).Select(c => all.Max(r => r[c].Length)).ToArray();
        foreach (var r in all)
            Console.Out.WriteLine(string.Join("  ", r.Take(5).Select((f, c) => f.PadRight(widths[c]))) + "  " + r[5]);
    }

    private static void PrintTable(List<Row> rows)
    {
        var table = new Table().AddColumns("name", "parameters (defaults)", "outputs", "warm-up", "input", "");
        foreach (var r in rows)
            table.AddRow(Markup.Escape(r.Name), Markup.Escape(r.Parameters), Markup.Escape(r.Outputs), Markup.Escape(r.WarmUp),
                Markup.Escape(r.Input), Markup.Escape(r.Title));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"{rows.Count} types. Compute one: [bold]baton indicators compute --data FILE --indicator sma:period=10[/]"));
    }
}
