using Baton.Engine.Data;
using Baton.Engine.Events;
using Baton.Parquet;
using Baton.Research.Objectives;
using Baton.Research.Parameters;
using Baton.Research.Report;
using Baton.Research.Robustness;
using Baton.Research.Search;
using Baton.Research.Sweeps;
using Baton.Research.Trials;
using Baton.Research.WalkForward;
using Baton.Runs.Files;
using Baton.Web.Research;
using Baton.Yaml;

namespace Baton.Cli.Commands;

/// <summary>
/// The dashboard's <see cref="IResearchFactory"/>: a sweep as <c>baton sweep</c> runs it (the same parameter ranges,
/// where, objective and search, through <see cref="SweepRunner"/>), its strategy loaded per trial by
/// <see cref="StrategyVariants"/> and its data chosen as a dashboard backtest's. It writes the same folder
/// (<see cref="SweepFolder"/>: manifest.json, trials.csv, trials.parquet), then robustness.json
/// (<see cref="RobustnessAnalysis"/>) and report.html (<see cref="SweepReportPage"/>).
/// </summary>
internal sealed class DashboardResearch(DashboardBacktests backtests) : IResearchFactory
{
    public IResearchJob Plan(SweepRequest request, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var variants = new StrategyVariants(request.StrategyPath);
            var space = ParameterSpace.Parse(request.Parameters.Select(p => $"{p.Name}={p.Values}").ToList());
            space.RequireKnown(variants.ParameterNames, Path.GetFileName(request.StrategyPath));
            var where = request.Where is null ? null : ParameterFilter.Parse(request.Where, space);
            var kind = request.Search is null ? SearchKind.Grid : SearchSpec.ParseKind(request.Search);
            if (kind == SearchKind.Grid && request.Trials is not null)
                throw new SweepInputException("trials: a grid search runs every point; choose the random or tpe search to give a number of trials");
            var search = new SearchSpec(kind, request.Trials, request.Seed ?? 1);
            var plan = new SweepPlan(space, where, request.Objective is null ? Objective.Default : Objective.Parse(request.Objective), search);
            int total = search.TrialsOver(new SearchPoints(space, where).Count);
            string? location = backtests.Location(request.Data);
            var (source, file) = DataSources.Create(variants.Plain, location);
            var range = CliOptions.Range(request.From, request.To, "from", "to");
            var data = new TrialData(source, range, ComponentCommand.Host(variants.Plain, location, file));
            var manifest = Manifest(plan, variants, data, file);
            if (request.WalkForward is { } wf)
            {
                var windows = new WalkForwardPlan(plan, WindowLength.Parse(wf.Train, "train"), WindowLength.Parse(wf.Test, "test"),
                    WindowLength.Parse(wf.Step ?? wf.Test, "step"), wf.Anchored);
                return new DashboardWalkForward(windows, variants, data, (manifest with { Kind = "walkforward" }, outputDirectory), request.Jobs ?? 1, total);
            }
            return new Job(plan, variants, data, (manifest, outputDirectory), request.Jobs ?? 1, total);
        }
        catch (Exception e) when (e is SweepInputException or ArgumentException or StrategyValidationException or CliException
                                      or CandleDataException or IOException)
        {
            throw new ResearchRequestException(e.Message);
        }
    }

    /// <summary>The manifest <c>baton sweep</c> writes for the same sweep (no fixed <c>--set</c>: the page sends none).</summary>
    private static SweepManifest Manifest(SweepPlan plan, StrategyVariants variants, TrialData data, string? file)
    {
        var search = plan.Search;
        return new SweepManifest(1, "sweep", Path.GetFileName(variants.SourceFile), RunManifest.HashFile(variants.SourceFile),
            new SortedDictionary<string, string>(StringComparer.Ordinal), data.Source.Description,
            file is not null && File.Exists(file) ? RunManifest.HashFile(file) : null,
            data.Range.From is { } f ? Formats.Time(f) : null, data.Range.To is { } t ? Formats.Time(t) : null,
            plan.Space.Axes.Select(a => new ManifestParameter(a.Name, a.Values)).ToArray(), plan.Where?.Text, plan.Objective.Name,
            new ManifestSearch(SearchSpec.Name(search.Kind), search.Kind == SearchKind.Grid ? null : search.Trials ?? SearchSpec.DefaultTrials,
                search.Seed, SearchSpec.Generation),
            SweepManifest.Engine);
    }

    private sealed class Job(SweepPlan plan, StrategyVariants variants, TrialData data, (SweepManifest Manifest, string Path) output,
        int jobs, int total) : IResearchJob
    {
        public int Total => total;

        public string Description =>
            $"{Path.GetFileName(variants.SourceFile)} over {string.Join(" × ", plan.Space.Axes.Select(a => $"{a.Name} ({a.Count})"))}, "
            + $"{SearchSpec.Name(plan.Search.Kind)} search, objective {plan.Objective.Name}";

        public async Task RunAsync(IProgress<ResearchProgress> progress, CancellationToken token)
        {
            var folder = SweepFolder.Open(output.Path, output.Manifest);
            var report = new Direct<SweepProgress>(p => progress.Report(new ResearchProgress(p.Done, p.Total, p.Failed, p.BestScore,
                p.Best is { } b ? string.Join(' ', b.Settings) : null, p.Remaining?.TotalSeconds)));
            var options = new SweepRunOptions { Jobs = jobs, Progress = report, Done = folder.Recorded, AfterBatch = folder.RecordAsync };
            var result = await SweepRunner.RunAsync(plan, variants, data, options, token).ConfigureAwait(false);
            folder.WriteTables(plan.Space, plan.Objective, new ParquetTrialTableWriter());
            var robustness = await RobustnessAnalysis.RunAsync(result.Trials, plan.Objective, variants, data,
                new RobustnessOptions { Seed = plan.Search.Seed, Axes = plan.Space.Axes }, token).ConfigureAwait(false);
            RobustnessJson.Write(folder.Path, robustness);
            SweepReportPage.Write(folder.Path);
        }
    }

    /// <summary>Reports at once, on the runner's thread (<see cref="Progress{T}"/> would post to the thread pool, out of order).</summary>
    internal sealed class Direct<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
