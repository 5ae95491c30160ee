namespace Baton.Web.Research;

/// <summary>
/// The dashboard's way to run sweeps, implemented by the composition root (the CLI, over Baton.Research's sweep runner
/// and its own strategy loader and data adapters), as <see cref="Backtests.IBacktestFactory"/> is for backtests.
/// </summary>
public interface IResearchFactory
{
    /// <summary>Checks <paramref name="request"/> (parameters the strategy declares, a valid where, objective and
    /// search, data the strategy can use) and returns the sweep ready to run into <paramref name="outputDirectory"/>;
    /// throws <see cref="ResearchRequestException"/> with a one-line reason otherwise. Nothing runs yet.</summary>
    IResearchJob Plan(SweepRequest request, string outputDirectory);
}

/// <summary>A sweep planned: how many trials it will run, and the run itself, which writes the sweep folder
/// (manifest.json, trials.csv, report.html) into the output directory and reports its progress.</summary>
public interface IResearchJob
{
    int Total { get; }

    /// <summary>What it sweeps, for the log: strategy, parameters, data.</summary>
    string Description { get; }

    Task RunAsync(IProgress<ResearchProgress> progress, CancellationToken token);
}

/// <summary>A sweep asked for from the page: the strategy's full path (resolved by the catalog, never a path the page
/// sent), each parameter as <c>baton sweep --param NAME=VALUES</c> takes it, and the options of <c>baton sweep</c>
/// (null = its default). <see cref="Data"/> is a <see cref="Backtests.DataChoice.Id"/> or null for the strategy's own.</summary>
public sealed record SweepRequest(string StrategyPath, IReadOnlyList<SweepParameter> Parameters, string? Where, string? Objective,
    string? Search, int? Trials, int? Seed, int? Jobs)
{
    public string? Data { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }

    /// <summary>Set for a walk-forward: the sweep then runs on each window's training range (see
    /// <see cref="WalkForwardRequest"/>).</summary>
    public WalkForwardRequest? WalkForward { get; init; }
}

/// <summary>A walk-forward's windows as <c>baton walkforward</c> takes them: <c>--train 2M --test 1M [--step 1M]
/// [--anchored]</c> (null step: the test length).</summary>
public sealed record WalkForwardRequest(string Train, string Test, string? Step, bool Anchored);

/// <summary>One swept parameter: its name and its values as <c>--param</c> spells them (<c>5..50:5</c>, <c>1%,2%,3%</c>).</summary>
public sealed record SweepParameter(string Name, string Values);

/// <summary>How far a sweep is: trials done of the total, failed ones, the best so far (its score and parameters as
/// <c>name=value</c> text) and an estimate of the seconds left.</summary>
public sealed record ResearchProgress(int Done, int Total, int Failed, double? BestScore, string? Best, double? SecondsLeft)
{
    /// <summary>Where a walk-forward is (<c>window 2/5</c>); null for a sweep.</summary>
    public string? Stage { get; init; }
}

/// <summary>A sweep that cannot start, with a one-line reason naming the field.</summary>
public sealed class ResearchRequestException : Exception
{
    public ResearchRequestException(string message) : base(message)
    {
    }

    public ResearchRequestException()
    {
    }

    public ResearchRequestException(string message, Exception inner) : base(message, inner)
    {
    }
}
