using System.CommandLine;
using Baton.Research.Objectives;
using Baton.Research.Search;

namespace Baton.Cli.Commands;

/// <summary>The options of <c>baton sweep</c>, each with its valid range declared once (<see cref="OptionRules"/>).</summary>
internal sealed class SweepOptions
{
    public Argument<string> Strategy { get; } = new("strategy") { Description = "Strategy YAML file" };
    public Option<string[]> Param { get; } = new("--param")
    {
        Description = "A swept parameter: NAME=a..b:step, NAME=a,b,c, percentages allowed (1%..3%:0.5%) (repeatable; the first is the slowest in grid order)",
        Required = true,
        AllowMultipleArgumentsPerToken = false,
    };
    public Option<string?> Where { get; } = new("--where") { Description = "Only the points meeting this condition, e.g. \"fast_period < slow_period\"" };
    public Option<string> Objective { get; } = new Option<string>("--objective")
    {
        Description = "What ranks the trials: " + string.Join(", ", Baton.Research.Objectives.Objective.Names) + " (default sharpe)",
        DefaultValueFactory = _ => Baton.Research.Objectives.Objective.Default.Name,
    }.Must(v => Baton.Research.Objectives.Objective.Names.Contains(v.Trim().ToLowerInvariant()) ? null : "one of " + string.Join(", ", Baton.Research.Objectives.Objective.Names));
    public Option<string> Search { get; } = new Option<string>("--search")
    {
        Description = "grid (every point), random (a seeded sample) or tpe (tree-structured Parzen estimator); default grid",
        DefaultValueFactory = _ => "grid",
    }.Must(v => v.Trim().ToLowerInvariant() is "grid" or "random" or "tpe" ? null : "grid, random or tpe");
    public Option<int?> Trials { get; } = new Option<int?>("--trials") { Description = $"Trials of a random or tpe search (default {SearchSpec.DefaultTrials})" }
        .Between(1, SearchSpec.MaxTrials);
    public Option<int> Seed { get; } = new Option<int>("--seed") { Description = "Seed of the random and tpe searches (default 1)", DefaultValueFactory = _ => 1 }
        .Between(0, int.MaxValue);
    public Option<int> Jobs { get; } = new Option<int>("--jobs")
    {
        Description = "Trials run at once (default: the number of cores); never changes the results",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    }.Between(1, 1024);
    public Option<int> BatchSize { get; } = new Option<int>("--batch-size")
    {
        Description = "Trials per batch: the resume state is saved after each; never changes the results (default 250, a pass over the data each)",
        DefaultValueFactory = _ => Baton.Research.Sweeps.SweepRunOptions.DefaultBatchSize,
    }.Between(1, 100_000);
    public Option<string?> Data { get; } = new("--data") { Description = "Candle data instead of the strategy's data: a CSV or Parquet path, or a postgresql:// URI" };
    public Option<bool> Resample { get; } = new("--resample") { Description = "Build candles of the strategy's timeframe from finer data" };
    public Option<string?> From { get; } = new("--from") { Description = "First candle open time (ISO date or date-time, UTC)" };
    public Option<string?> To { get; } = new("--to") { Description = "Last candle open time (ISO date or date-time, UTC)" };
    public Option<string[]> Set { get; } = CliOptions.Set();
    public Option<string> Out { get; } = new("--out") { Description = "The sweep's folder (created; the same command resumes an interrupted sweep from it)", Required = true };
    public Option<string?> Keep { get; } = new Option<string?>("--keep") { Description = "best:N writes full run folders of the N best trials under DIR/best/" }
        .Must(v => v is null || KeepCount(v) is not null ? null : "best:N with N from 1 to 100");
    public Option<int> Top { get; } = new Option<int>("--top") { Description = "Rows of the ranked table printed at the end (default 10)", DefaultValueFactory = _ => 10 }
        .Between(1, 1000);

    public Option<string?> Cluster { get; } = ClusterOptions.Cluster();
    public Option<string?> Cert { get; } = ClusterOptions.Cert();
    public Option<string?> Results { get; } = new("--results")
    {
        Description = "With --cluster: a postgresql:// URI every worker writes the trials' outcomes to (default: the cluster's Redis)",
    };

    public IEnumerable<Symbol> All => [Strategy, Param, Where, Objective, Search, Trials, Seed, Jobs, BatchSize, Data, Resample, From, To, Set, Out, Keep, Top, Cluster, Cert, Results];

    /// <summary>N of <c>best:N</c> (1 to 100), null when the text is not that.</summary>
    public static int? KeepCount(string text)
    {
        string t = text.Trim();
        return t.StartsWith("best:", StringComparison.Ordinal) && int.TryParse(t[5..], System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out int n) && n is >= 1 and <= 100 ? n : null;
    }
}
