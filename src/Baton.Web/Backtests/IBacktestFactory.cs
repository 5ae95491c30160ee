using Baton.Runs.Backtests;

namespace Baton.Web.Backtests;

/// <summary>
/// The dashboard's way to strategies and data, implemented by the composition root (the CLI, which owns the
/// YAML loader and the data adapters), so the web layer references no other adapter.
/// </summary>
public interface IBacktestFactory
{
    /// <summary>Validates a strategy file (every problem, located) and says what it is.</summary>
    StrategyCheck Check(string path);

    /// <summary>The data a backtest may use instead of its strategy's own <c>data:</c>; labels never hold a password.</summary>
    IReadOnlyList<DataChoice> DataChoices();

    /// <summary>A backtest ready to run into <paramref name="outputDirectory"/>; throws
    /// <see cref="BacktestRequestException"/> when the request or the strategy is not usable.</summary>
    BacktestPlan Plan(BacktestRequest request, string outputDirectory);
}

/// <summary>One problem of a strategy file: 1-based line and column (0 when unknown), the field's path, what is wrong.</summary>
public sealed record StrategyProblem(int Line, int Column, string Path, string Message);

/// <summary>A strategy file checked: its problems (none when valid) and, when valid, what it is.</summary>
public sealed record StrategyCheck(string? Name, IReadOnlyList<StrategyProblem> Problems, IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<string> Symbols, string? Timeframe, string? Data);

/// <summary>A data source offered for a run: <see cref="Id"/> is sent back in <see cref="BacktestRequest.Data"/>.</summary>
public sealed record DataChoice(string Id, string Label);

/// <summary>A backtest asked for from the page. <see cref="Data"/> is a <see cref="DataChoice.Id"/> or null for the
/// strategy's own data; <see cref="From"/> and <see cref="To"/> are ISO dates or date-times (UTC), or null.</summary>
public sealed record BacktestRequest(string StrategyPath, IReadOnlyDictionary<string, string> Overrides, string? Data, string? From, string? To);

/// <summary>A run about to start, and where its candles come from (redacted) for the history.</summary>
public sealed record BacktestPlan(BacktestSpec Spec, string DataDescription);

/// <summary>A backtest that cannot start: the strategy's problems (with overrides applied) or a bad request.</summary>
public sealed class BacktestRequestException : Exception
{
    public BacktestRequestException(IReadOnlyList<StrategyProblem> problems) : base(string.Join("; ", problems.Select(p => p.Message))) =>
        Problems = problems;

    public BacktestRequestException(string message) : this([new StrategyProblem(0, 0, "", message)])
    {
    }

    public BacktestRequestException() : this("the backtest could not start")
    {
    }

    public BacktestRequestException(string message, Exception inner) : base(message, inner) =>
        Problems = [new StrategyProblem(0, 0, "", message)];

    public IReadOnlyList<StrategyProblem> Problems { get; }
}
