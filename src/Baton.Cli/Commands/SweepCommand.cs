using System.CommandLine;
using Baton.Engine.Data;
using Baton.Engine.Events;
using Baton.Engine.Strategy;
using Baton.Parquet;
using Baton.Research.Objectives;
using Baton.Research.Parameters;
using Baton.Research.Report;
using Baton.Research.Robustness;
using Baton.Research.Search;
using Baton.Research.Sweeps;
using Baton.Research.Trials;
using Baton.Runs.Files;

namespace Baton.Cli.Commands;

/// <summary><c>baton sweep STRATEGY.yaml --param NAME=VALUES... [--where C] [--objective O] [--search grid|random|tpe]
/// [--trials N] [--seed S] [--jobs N] [--data ...] [--resample] [--from T] [--to T] [--set k=v]... --out DIR
/// [--keep best:N]</c>: many backtests of one strategy, recorded in DIR (<see cref="SweepFolder"/>), ranked at the end.
/// Exit 0 when done, 2 for a bad command line, 1 when the data is bad or every trial failed, 130 when interrupted
/// (what finished is saved; the same command resumes).</summary>
internal static class SweepCommand
{
    public static Command Create()
    {
        var o = new SweepOptions();
        var command = new Command("sweep", "Backtest a strategy over a grid of parameters (or a sample of it) and rank the trials");
        foreach (var symbol in o.All)
        {
            if (symbol is Argument a) command.Arguments.Add(a);
            else command.Options.Add((Option)symbol);
        }
        command.SetAction((result, token) => CommandRunner.RunAsync(() => RunAsync(Sweep.Of(result, o), token)));
        return command;
    }

    private static async Task<int> RunAsync(Sweep sweep, CancellationToken token)
    {
        var manifest = sweep.Manifest();
        var folder = SweepFolder.Open(sweep.Out, manifest);
        await using var cluster = await SweepCluster.StartAsync(sweep.Cluster, sweep.Cert, token).ConfigureAwait(false);
        var onCluster = cluster?.Trials(ClusterWork.Job(sweep, manifest, sweep.Range));
        var printer = new SweepPrinter(sweep.Plan.Objective, Console.Error);
        var options = new SweepRunOptions
        {
            Jobs = sweep.Jobs, BatchSize = sweep.BatchSize, Done = folder.Recorded, AfterBatch = folder.RecordAsync, Progress = printer,
            Executor = onCluster,
        };
        SweepResult result;
        try
        {
            result = await SweepRunner.RunAsync(sweep.Plan, sweep.Variants, sweep.Data, options, token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            folder.AbandonIfEmpty();   // bad data, an empty window: nothing ran, so nothing is left to refuse the fixed command
            throw;
        }
        catch (OperationCanceledException)
        {
            folder.WriteTables(sweep.Plan.Space, sweep.Plan.Objective, new ParquetTrialTableWriter());
            printer.Finish();
            await Console.Error.WriteLineAsync($"interrupted: {folder.Recorded.Count} trial(s) saved in {folder.Path}; "
                + "run the same command to resume").ConfigureAwait(false);
            return 130;
        }
        printer.Finish();
        folder.WriteTables(sweep.Plan.Space, sweep.Plan.Objective, new ParquetTrialTableWriter());
        if (onCluster is not null) await onCluster.FinishAsync(token).ConfigureAwait(false);   // the folder holds every trial now
        if (result.Trials.All(t => t.Error is not null))
            throw new InvalidOperationException($"every trial failed; the first: {result.Trials[0].Error!.ReplaceLineEndings("; ")}");
        IReadOnlyList<string> kept;
        RobustnessReport robustness;
        try
        {
            kept = await SweepKeep.WriteAsync(sweep, result, folder.Path, token).ConfigureAwait(false);
            // the statistics of luck over every trial; the best is run once more for its trades (Monte Carlo)
            robustness = await RobustnessAnalysis.RunAsync(result.Trials, sweep.Plan.Objective, sweep.Variants, sweep.Data,
                new RobustnessOptions { Seed = sweep.Plan.Search.Seed, Axes = sweep.Plan.Space.Axes }, token).ConfigureAwait(false);
            RobustnessJson.Write(folder.Path, robustness);
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"interrupted after the trials; every trial is saved in {folder.Path}")
                .ConfigureAwait(false);
            return 130;
        }
        SweepReportPage.Write(folder.Path);
        SweepPrinter.Ranked(sweep, result, folder.Path, kept, robustness);
        return 0;
    }
}

/// <summary>A sweep as the command line describes it, checked before anything runs.</summary>
internal sealed record Sweep(SweepPlan Plan, IStrategyVariants Variants, TrialData Data, string Out)
{
    public required string StrategyFile { get; init; }
    public required IReadOnlyDictionary<string, string> Fixed { get; init; }
    public required string? DataOption { get; init; }
    public required string? DataFile { get; init; }
    public required bool Resample { get; init; }
    public required TimeRange Range { get; init; }
    public required string? FromText { get; init; }
    public required string? ToText { get; init; }
    public int Jobs { get; init; } = 1;
    public int BatchSize { get; init; } = SweepRunOptions.DefaultBatchSize;
    public int? Keep { get; init; }
    /// <summary><c>--cluster</c>: the trials run on that cluster's workers instead of here.</summary>
    public string? Cluster { get; init; }
    public string? Cert { get; init; }
    /// <summary><c>--results</c>: the PostgreSQL store of the cluster's outcomes.</summary>
    public string? Results { get; init; }
    public int Top { get; init; } = 10;

    public static Sweep Of(ParseResult r, SweepOptions o)
    {
        string path = r.GetValue(o.Strategy)!;
        var fixedSet = CliOptions.Overrides(r.GetValue(o.Set));
        var variants = new StrategyVariants(path, fixedSet);
        bool resample = r.GetValue(o.Resample);
        var plain = resample ? variants.Plain with { Data = variants.Plain.Data with { Resample = true } } : variants.Plain;
        var plan = PlanOf(r, o);
        SweepRunner.Check(plan, variants);
        foreach (var axis in plan.Space.Axes)
            if (fixedSet.ContainsKey(axis.Name))
                throw new SweepInputException($"--set {axis.Name}: the parameter is also swept by --param; give it once");
        string? dataOption = r.GetValue(o.Data);
        var (source, file) = DataSources.Create(plain, dataOption);
        var range = CliOptions.Range(r.GetValue(o.From), r.GetValue(o.To));
        string dir = r.GetValue(o.Out)!;
        if (SweepFolder.Problem(dir, [file, path]) is { } problem) throw new CliException("--out: " + problem);
        var data = new TrialData(source, range, ComponentCommand.Host(plain, dataOption, file));
        return new Sweep(plan, resample ? new ResampledVariants(variants) : variants, data, dir)
        {
            StrategyFile = path, Fixed = fixedSet, DataOption = dataOption, DataFile = file, Resample = resample, Range = range,
            FromText = r.GetValue(o.From), ToText = r.GetValue(o.To),
            Jobs = r.GetValue(o.Jobs), BatchSize = r.GetValue(o.BatchSize), Keep = r.GetValue(o.Keep) is { } k ? SweepOptions.KeepCount(k) : null,
            Top = r.GetValue(o.Top), Cluster = r.GetValue(o.Cluster), Cert = r.GetValue(o.Cert),
            Results = ResultsOf(r.GetValue(o.Results), r.GetValue(o.Cluster)),
        };
    }

    private static string? ResultsOf(string? results, string? cluster)
    {
        if (results is null) return null;
        if (cluster is null) throw new CliException("--results: only with --cluster (a sweep on this machine records its trials in --out)");
        if (!Baton.Postgres.PostgresUri.IsUri(results)) throw new CliException("--results: expected a postgresql:// URI");
        Baton.Postgres.PostgresUri.Parse(results);   // a bad URI is refused here, naming what is wrong
        return results;
    }

    private static SweepPlan PlanOf(ParseResult r, SweepOptions o)
    {
        var space = ParameterSpace.Parse(r.GetValue(o.Param) ?? []);
        var where = r.GetValue(o.Where) is { } w ? ParameterFilter.Parse(w, space) : null;
        var kind = SearchSpec.ParseKind(r.GetValue(o.Search)!);
        int? trials = r.GetValue(o.Trials);
        if (kind == SearchKind.Grid && trials is not null)
            throw new SweepInputException("--trials: a grid search runs every point; expected --search random or tpe with --trials");
        return new SweepPlan(space, where, Objective.Parse(r.GetValue(o.Objective)!), new SearchSpec(kind, trials, r.GetValue(o.Seed)));
    }

    /// <summary>What <c>manifest.json</c> holds for this sweep.</summary>
    public SweepManifest Manifest()
    {
        var search = Plan.Search;
        return new SweepManifest(1, "sweep", Path.GetFileName(StrategyFile), RunManifest.HashFile(StrategyFile),
            new SortedDictionary<string, string>(Fixed.ToDictionary(), StringComparer.Ordinal), Data.Source.Description,
            DataFile is not null && File.Exists(DataFile) ? RunManifest.HashFile(DataFile) : null,
            Range.From is { } f ? Formats.Time(f) : null, Range.To is { } t ? Formats.Time(t) : null,
            Plan.Space.Axes.Select(a => new ManifestParameter(a.Name, a.Values)).ToArray(), Plan.Where?.Text, Plan.Objective.Name,
            new ManifestSearch(SearchSpec.Name(search.Kind), search.Kind == SearchKind.Grid ? null : search.Trials ?? SearchSpec.DefaultTrials,
                search.Seed, SearchSpec.Generation),
            SweepManifest.Engine);
    }
}

/// <summary>The strategy of each trial with <c>--resample</c> applied, as <c>baton backtest --resample</c> does.</summary>
internal sealed class ResampledVariants(IStrategyVariants inner) : IStrategyVariants
{
    public string SourceFile => inner.SourceFile;
    public IReadOnlyList<string> ParameterNames => inner.ParameterNames;

    public StrategyDefinition Load(IReadOnlyList<ParameterSetting> settings)
    {
        var d = inner.Load(settings);
        return d with { Data = d.Data with { Resample = true } };
    }
}
