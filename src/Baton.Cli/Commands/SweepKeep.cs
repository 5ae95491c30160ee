using System.Globalization;
using Baton.Research.Sweeps;
using Baton.Runs.Backtests;

namespace Baton.Cli.Commands;

/// <summary><c>--keep best:N</c>: the N best trials again as whole backtests with their files, in
/// <c>DIR/best/NN-trial-ID/</c> (NN the rank, from 01), each an ordinary run folder with its report.</summary>
internal static class SweepKeep
{
    public static async Task<IReadOnlyList<string>> WriteAsync(Sweep sweep, SweepResult result, string dir, CancellationToken token)
    {
        var kept = new List<string>();
        if (sweep.Keep is not { } n) return kept;
        int rank = 0;
        foreach (var trial in result.Ranked.Where(t => t.Error is null).Take(n))
        {
            string folder = Path.Combine(dir, "best", string.Create(CultureInfo.InvariantCulture, $"{++rank:00}-trial-{trial.Id}"));
            var spec = new BacktestSpec(sweep.Variants.Load(trial.Settings), sweep.Data.Source, sweep.Data.Range)
            {
                Components = sweep.Data.Components,
                Output = new RunOutput(folder, sweep.DataFile),
            };
            await BacktestRun.RunAsync(spec, null, token).ConfigureAwait(false);
            kept.Add(folder);
        }
        return kept;
    }
}
