using System.CommandLine;
using System.Text.Json;
using Baton.Engine.Backtest;
using Baton.Engine.Data;
using Baton.Engine.Data.Files;
using Baton.Engine.Strategy;
using Baton.Runs.Backtests;
using Baton.Runs.Files;
using Baton.Runs.Folder;
using Spectre.Console;

namespace Baton.Cli.Commands;

/// <summary><c>baton backtest STRATEGY.yaml [--data PATH] [--resample] [--from T] [--to T] [--set k=v]... [--out DIR] [--json]</c>:
/// the run's files and <c>report.html</c> go to DIR (<see cref="BacktestRun"/>).</summary>
internal static class BacktestCommand
{
    public static Command Create()
    {
        var strategy = new Argument<string>("strategy") { Description = "Strategy YAML file" };
        var data = new Option<string?>("--data") { Description = "Candle data instead of the strategy's data: a CSV or Parquet path, or a postgresql:// URI" };
        var from = new Option<string?>("--from") { Description = "First candle open time (ISO date or date-time, UTC)" };
        var to = new Option<string?>("--to") { Description = "Last candle open time (ISO date or date-time, UTC)" };
        var set = CliOptions.Set();
        var resample = new Option<bool>("--resample") { Description = "Build candles of the strategy's timeframe from finer data (as data: { resample: true })" };
        var output = new Option<string?>("--out") { Description = "Folder for the run's files (default: out/<strategy name>)" };
        var json = new Option<bool>("--json") { Description = "Print the metrics as JSON on stdout" };
        var command = new Command("backtest", "Backtest a strategy over historical or generated candles")
        {
            strategy, data, resample, from, to, set, output, json,
        };
        command.SetAction((result, token) => CommandRunner.RunAsync(async () =>
        {
            string? dataOption = result.GetValue(data);
            // A data file named on the command line is hashed (for the manifest) on another core from now on, while
            // the strategy loads and compiles; the run then has that core to itself.
            await using var earlyHash = dataOption is not null && InputFile.Problem(dataOption) is null ? DataFileHash.Start(dataOption, token) : null;
            var definition = StrategyFiles.Load(result.GetValue(strategy)!, result.GetValue(set));
            if (result.GetValue(resample)) definition = definition with { Data = definition.Data with { Resample = true } };
            var (source, file) = DataSources.Create(definition, dataOption);
            var range = CliOptions.Range(result.GetValue(from), result.GetValue(to));
            string dir = OutputFolder(result.GetValue(output), definition, file);
            var warnings = new WarningCounter();
            var spec = new BacktestSpec(definition, source, range)
            {
                Events = warnings,
                Components = ComponentCommand.Host(definition, dataOption, file),
                Output = new RunOutput(dir, file) { DataHash = file is not null && earlyHash?.Path == file ? earlyHash : null },
            };
            bool asJson = result.GetValue(json);
            var run = await WithProgress(spec, quiet: asJson || Console.IsOutputRedirected, token).ConfigureAwait(false);
            if (asJson) Console.Out.WriteLine(JsonSerializer.Serialize(run.Metrics, RunJson.Indented));
            else Summary.Print(definition.Name, run, dir, warnings);
            return 0;
        }));
        return command;
    }

    /// <summary><c>--out</c>, or <c>out/NAME</c> (the name is a plain name, checked at load); refused before anything runs
    /// when it is no folder to write a run into (see <see cref="RunFolder.Problem"/>).</summary>
    private static string OutputFolder(string? asked, StrategyDefinition definition, string? dataFile)
    {
        string dir = asked ?? Path.Combine("out", PlainName.AsFileName(definition.Name, "strategy name"));
        return RunFolder.Problem(dir, [dataFile, definition.SourceFile]) is { } problem ? throw new CliException("--out: " + problem) : dir;
    }

    private static async Task<BacktestResult> WithProgress(BacktestSpec spec, bool quiet, CancellationToken token)
    {
        if (quiet) return await BacktestRun.RunAsync(spec, null, token).ConfigureAwait(false);
        BacktestResult? run = null;
        await AnsiConsole.Progress()
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask($"backtest {spec.Strategy.Name}").IsIndeterminate();
                var progress = new Progress<long>(n => task.Description = $"backtest {spec.Strategy.Name}: {n:N0} candles");
                run = await BacktestRun.RunAsync(spec, progress, token).ConfigureAwait(false);
                task.StopTask();
            }).ConfigureAwait(false);
        return run!;
    }
}
