using Baton.Engine.Data;
using Baton.Research.Objectives;
using Baton.Research.Parameters;
using Baton.Research.Report;
using Baton.Research.Search;
using Baton.Research.Sweeps;
using Baton.Research.Trials;
using Baton.Web.Research;
using Baton.Yaml;

namespace Baton.Cli.Commands;

/// <summary>
/// The dashboard's <see cref="IResearchFactory"/>: a sweep as <c>baton sweep</c> runs it (the same parameter ranges,
/// where, objective and search, through <see cref="SweepRunner"/>), its strategy loaded per trial by
/// <see cref="StrategyVariants"/> and its data chosen as a dashboard backtest's; it writes the sweep folder
/// (<see cref="DashboardSweepFolder"/>) and its report.html.
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
            var search = new SearchSpec(request.Search is null ? SearchKind.Grid : SearchSpec.ParseKind(request.Search), request.Trials, request.Seed ?? 1);
            var plan = new SweepPlan(space, where, request.Objective is null ? Objective.Default : Objective.Parse(request.Objective), search);
            int total = search.TrialsOver(new SearchPoints(space, where).Count);
            string? location = backtests.Location(request.Data);
            var (source, file) = DataSources.Create(variants.Plain, location);
            var range = CliOptions.Range(request.From, request.To, "from", "to");
            var data = new TrialData(source, range, ComponentCommand.Host(variants.Plain, location, file));
            var folder = new DashboardSweepFolder(outputDirectory, variants, plan, new DataFacts(source.Description, file, request.From, request.To));
            return new Job(plan, variants, data, folder, request.Jobs ?? 1, total);
        }
        catch (Exception e) when (e is SweepInputException or ArgumentException or StrategyValidationException or CliException
                                      or CandleDataException or IOException)
        {
            throw new ResearchRequestException(e.Message);
        }
    }

    private sealed class Job(SweepPlan plan, StrategyVariants variants, TrialData data, DashboardSweepFolder folder, int jobs, int total)
        : IResearchJob
    {
        public int Total => total;

        public string Description =>
            $"{Path.GetFileName(variants.SourceFile)} over {string.Join(" × ", plan.Space.Axes.Select(a => $"{a.Name} ({a.Count})"))}, "
            + $"{SearchSpec.Name(plan.Search.Kind)} search, objective {plan.Objective.Name}";

        public async Task RunAsync(IProgress<ResearchProgress> progress, CancellationToken token)
        {
            var report = new Direct<SweepProgress>(p => progress.Report(new ResearchProgress(p.Done, p.Total, p.Failed, p.BestScore,
                p.Best is { } b ? string.Join(' ', b.Settings) : null, p.Remaining?.TotalSeconds)));
            var result = await SweepRunner.RunAsync(plan, variants, data, new SweepRunOptions { Jobs = jobs, Progress = report }, token)
                .ConfigureAwait(false);
            folder.Write(result);
            SweepReportPage.Write(folder.Path);
        }
    }

    /// <summary>Reports at once, on the runner's thread (<see cref="Progress{T}"/> would post to the thread pool, out of order).</summary>
    private sealed class Direct<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
