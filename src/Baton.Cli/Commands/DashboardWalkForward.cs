using System.Globalization;
using Baton.Engine.Events;
using Baton.Parquet;
using Baton.Research.Report;
using Baton.Research.Search;
using Baton.Research.Sweeps;
using Baton.Research.Trials;
using Baton.Research.WalkForward;
using Baton.Web.Research;

namespace Baton.Cli.Commands;

/// <summary>
/// A walk-forward started from the dashboard: <see cref="WalkForwardRunner"/> over the sweep the page described (each
/// window's training range swept, the chosen parameters run on its test range), written as a walk-forward folder:
/// manifest.json (kind walkforward), walkforward.json and report.html.
/// </summary>
internal sealed class DashboardWalkForward(WalkForwardPlan plan, StrategyVariants variants, TrialData data,
    (SweepManifest Manifest, string Path) output, int jobs, int trialsPerWindow) : IResearchJob
{
    public int Total => trialsPerWindow;

    public string Description =>
        $"{Path.GetFileName(variants.SourceFile)} over {string.Join(" × ", plan.Sweep.Space.Axes.Select(a => $"{a.Name} ({a.Count})"))}, "
        + $"train {plan.Train}, test {plan.Test}, step {plan.Step}{(plan.Anchored ? ", anchored" : "")}, "
        + $"{SearchSpec.Name(plan.Sweep.Search.Kind)} search, objective {plan.Sweep.Objective.Name}";

    public async Task RunAsync(IProgress<ResearchProgress> progress, CancellationToken token)
    {
        var windows = await WalkForwardRunner.WindowsAsync(plan, variants, data, token).ConfigureAwait(false);
        string dir = WalkForwardFolder.Open(output.Path, output.Manifest);
        SweepFolder? folder = null;   // the window being swept: its trials saved as baton walkforward saves them
        var options = new WalkForwardOptions
        {
            Sweep = window =>
            {
                folder = SweepFolder.Open(WalkForwardFolder.WindowPath(dir, window), output.Manifest with
                {
                    Kind = "sweep", From = Formats.Time(window.TrainFrom), To = Formats.Time(window.Training.To!.Value),
                });
                string stage = string.Create(CultureInfo.InvariantCulture, $"window {window.Index + 1}/{windows.Count}");
                return new SweepRunOptions
                {
                    Jobs = jobs, Done = folder.Recorded, AfterBatch = folder.RecordAsync,
                    Progress = new DashboardResearch.Direct<SweepProgress>(p => progress.Report(Progress(p, stage))),
                };
            },
            AfterWindow = (_, _, _) =>
            {
                folder?.WriteTables(plan.Sweep.Space, plan.Sweep.Objective, new ParquetTrialTableWriter());
                return Task.CompletedTask;
            },
        };
        var result = await WalkForwardRunner.RunAsync(plan, variants, data, windows, options, token).ConfigureAwait(false);
        WalkForwardJson.Write(dir, result);
        SweepReportPage.Write(dir);
    }

    private static ResearchProgress Progress(SweepProgress s, string stage) =>
        new(s.Done, s.Total, s.Failed, s.BestScore, s.Best is { } b ? string.Join(' ', b.Settings) : null, s.Remaining?.TotalSeconds)
        {
            Stage = stage,
        };
}
