using System.CommandLine;
using System.Globalization;
using System.Text;
using Baton.Components;
using Baton.Engine.Compilation;
using Baton.Engine.Components;
using Baton.Engine.Data;
using Baton.Engine.Events;
using Baton.Engine.Strategy;
using Baton.Engine.Trading;
using Spectre.Console;

namespace Baton.Cli.Commands;

/// <summary><c>baton component run ID --strategy FILE</c>: runs one external component alone and prints what Baton parsed.</summary>
internal static class ComponentCommand
{
    public static Command Create() => new("component", "Run and inspect external components (indicators and signals in any language)") { Run() };

    /// <summary>The component host of a run, told where the strategy's data is (for <c>data: source</c>) and printing
    /// every component message on stderr as it happens.</summary>
    public static ComponentHost Host(StrategyDefinition definition, string? dataOverride, string? dataFile)
    {
        var kind = dataOverride is not null
            ? (dataOverride.StartsWith("postgres", StringComparison.OrdinalIgnoreCase) ? DataSourceKind.Postgres
                : dataOverride.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? DataSourceKind.Parquet : DataSourceKind.Csv)
            : definition.Data.Source;
        string? location = dataFile ?? dataOverride ?? (kind == DataSourceKind.Synthetic ? null : FromStrategy(definition))
            ?? (kind == DataSourceKind.Postgres ? Environment.GetEnvironmentVariable("BATON_PG") : null);
        return new ComponentHost(new ComponentHostOptions(kind, location, m => Console.Error.WriteLine(m.ToString())));
    }

    /// <summary>The strategy's data path, relative to its file like every data path in it (a URI as is).</summary>
    private static string? FromStrategy(StrategyDefinition definition)
    {
        string? path = definition.Data.Path;
        if (string.IsNullOrEmpty(path) || path.Contains("://", StringComparison.Ordinal) || Path.IsPathRooted(path)) return path;
        return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(definition.SourceFile)) ?? ".", path);
    }

    /// <summary>One row per component: status, lines accepted, warnings, errors and why it failed.</summary>
    public static Table Table(IReadOnlyList<ComponentReport> reports)
    {
        var table = new Table().Title("[bold]components[/]").AddColumn("component").AddColumn("kind").AddColumn("status")
            .AddColumn(new TableColumn("accepted").RightAligned()).AddColumn(new TableColumn("warnings").RightAligned())
            .AddColumn(new TableColumn("errors").RightAligned()).AddColumn("error");
        foreach (var r in reports)
            table.AddRow(Markup.Escape(r.Id), r.Kind.ToString().ToLowerInvariant(),
                r.Status == ComponentStatus.Ok ? "ok" : "[red]failed[/]",
                $"{N(r.Accepted)}/{N(r.Lines)}", N(r.Warnings), N(r.Errors), Markup.Escape(r.Error ?? ""));
        return table;
    }

    private static Command Run()
    {
        var id = new Argument<string>("id") { Description = "Id of the external indicator or signal in the strategy" };
        var strategy = new Option<string>("--strategy") { Description = "Strategy YAML file", Required = true };
        var data = new Option<string?>("--data") { Description = "Candle data (CSV path) instead of the strategy's data:" };
        var from = new Option<string?>("--from") { Description = "First candle open time (ISO date or date-time, UTC)" };
        var to = new Option<string?>("--to") { Description = "Last candle open time (ISO date or date-time, UTC)" };
        var set = CliOptions.Set();
        var limit = new Option<int>("--limit") { Description = "Parsed rows to print (0: all)", DefaultValueFactory = _ => 20 }.Between(0, int.MaxValue);
        var command = new Command("run", "Run one external component over the strategy's data and print what Baton parsed")
        {
            id, strategy, data, from, to, set, limit,
        };
        command.SetAction((result, token) => CommandRunner.RunAsync(async () =>
        {
            var definition = StrategyFiles.Load(result.GetValue(strategy)!, result.GetValue(set));
            var compiled = StrategyCompiler.Compile(definition);
            string wanted = result.GetValue(id)!;
            var component = compiled.Components.FirstOrDefault(c => c.Spec.Id == wanted)
                ?? throw new CliException($"{definition.SourceFile}: no external component '{wanted}' (external: " +
                                          $"{string.Join(", ", compiled.Components.Select(c => c.Spec.Id).DefaultIfEmpty("none"))})");
            var (source, file) = DataSources.Create(definition, result.GetValue(data));
            var range = CliOptions.Range(result.GetValue(from), result.GetValue(to));
            var host = Host(definition, result.GetValue(data), file);
            var run = (await host.RunComponentsAsync(compiled, [component with { Spec = component.Spec with { OnError = ComponentErrorPolicy.Skip } }],
                source, range, NullEventSink.Instance, token).ConfigureAwait(false))[0];
            Print(component, definition.Symbols, run, result.GetValue(limit));
            return run.Report.Status == ComponentStatus.Ok ? 0 : 1;
        }));
        return command;
    }

    private static void Print(CompiledComponent component, IReadOnlyList<string> symbols, ComponentResult run, int limit)
    {
        var r = run.Report;
        var series = run.Series ?? [];
        var rows = new List<(long Time, int Symbol, int Row)>();
        for (int s = 0; s < series.Length; s++)
            for (int i = 0; i < series[s].Count; i++) rows.Add((series[s].TimeAt(i), s, i));
        rows.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Symbol != b.Symbol ? a.Symbol.CompareTo(b.Symbol) : a.Row.CompareTo(b.Row));
        int shown = limit <= 0 ? rows.Count : Math.Min(limit, rows.Count);
        var text = new StringBuilder();
        foreach (var (time, symbol, i) in rows.Take(shown))
            text.Append(Formats.Time(time)).Append("  ").Append(symbols[symbol]).Append("  ").Append(Row(component.Spec, series[symbol].RowAt(i))).Append('\n');
        if (shown < rows.Count) text.Append(CultureInfo.InvariantCulture, $"... {rows.Count - shown:N0} more (--limit 0 prints all)\n");
        text.Append(CultureInfo.InvariantCulture,
            $"component {r.Id} ({r.Kind.ToString().ToLowerInvariant()}): {(r.Status == ComponentStatus.Ok ? "ok" : "failed: " + r.Error)}; ")
            .Append(CultureInfo.InvariantCulture, $"{r.Lines:N0} stdout lines, {r.Accepted:N0} accepted, {r.Warnings:N0} warnings, {r.Errors:N0} errors, {r.StderrLines:N0} stderr lines\n");
        Console.Out.Write(text.ToString());
    }

    /// <summary>A parsed row as <c>name=value ...</c> (indicator) or <c>signal direction strength=s</c> (signal).</summary>
    private static string Row(ComponentSpec spec, ReadOnlySpan<double> row)
    {
        if (spec.Kind == ComponentKind.Indicator)
        {
            var parts = new string[row.Length];
            for (int i = 0; i < row.Length; i++) parts[i] = spec.ValueNames[i] + "=" + (double.IsNaN(row[i]) ? "null" : Formats.Number(row[i]));
            return string.Join(' ', parts);
        }
        string name = row[0] < 0 ? spec.Id : spec.Outputs[(int)row[0]];
        string direction = row[1] > 0 ? "long" : row[1] < 0 ? "short" : "flat";
        return $"{name} {direction} strength={Formats.Number(row[2])}";
    }

    private static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
}
