using System.Globalization;
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
        string dir = Path.GetFullPath(output.Path);
        Directory.CreateDirectory(dir);
        Write(Path.Combine(dir, SweepManifest.FileName), output.Manifest.ToJson());
        var report = new DashboardResearch.Direct<WalkForwardProgress>(p => progress.Report(Progress(p)));
        var result = await WalkForwardRunner.RunAsync(plan, variants, data, new WalkForwardOptions { Jobs = jobs, Progress = report }, token)
            .ConfigureAwait(false);
        WalkForwardJson.Write(dir, result);
        SweepReportPage.Write(dir);
    }

    private static ResearchProgress Progress(WalkForwardProgress p)
    {
        string stage = string.Create(CultureInfo.InvariantCulture, $"window {p.Window + 1}/{p.Windows}");
        return p.Sweep is { } s
            ? new ResearchProgress(s.Done, s.Total, s.Failed, s.BestScore, s.Best is { } b ? string.Join(' ', b.Settings) : null, s.Remaining?.TotalSeconds) { Stage = stage }
            : new ResearchProgress(0, 0, 0, null, null, null) { Stage = stage };
    }

    private static void Write(string path, string text)
    {
        string temp = path + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }
}
