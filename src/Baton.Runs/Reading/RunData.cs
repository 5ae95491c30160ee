using System.Text.Json;

namespace Baton.Runs.Reading;

/// <summary>
/// Everything the report's views draw, read back from a run's files: the JSON inlined into <c>report.html</c>
/// and, later, served to the dashboard, so both draw the same data with the same views. Times are Unix seconds
/// (UTC), the unit the charts use; long lists are cut at <see cref="RunReader.MaxRows"/> with their full count
/// beside them.
/// </summary>
public sealed record RunData(
    int Format,
    string Name,
    IReadOnlyList<string> Symbols,
    JsonElement Summary,
    JsonElement Metrics,
    JsonElement? Manifest,
    EquitySeries Equity,
    IReadOnlyList<MonthlyReturn> MonthlyReturns,
    IReadOnlyList<YearlyReturn> YearlyReturns,
    IReadOnlyList<PriceSeries> Prices,
    IReadOnlyList<FillRow> Fills,
    IReadOnlyList<TradeRow> Trades,
    long TradeCount,
    IReadOnlyList<OrderRow> Orders,
    long OrderCount,
    IReadOnlyList<RiskRow> RiskEvents,
    long RiskEventCount,
    IReadOnlyList<StopRow> Stops)
{
    /// <summary>Version of this shape; raised when a field changes meaning.</summary>
    public const int CurrentFormat = 1;
}

/// <summary>Equity and drawdown (a fraction ≤ 0) per point; each point stands for <see cref="Group"/> timestamps.</summary>
public sealed record EquitySeries(long Group, long Points, IReadOnlyList<long> Time, IReadOnlyList<double> Equity, IReadOnlyList<double> Drawdown);

/// <summary>Return of a calendar month (UTC), <see cref="Month"/> 1-12.</summary>
public sealed record MonthlyReturn(int Year, int Month, double Return);

/// <summary>Return of a calendar year (UTC), over the months the run covered.</summary>
public sealed record YearlyReturn(int Year, double Return);

/// <summary>A symbol's chart bars (columns); each bar merges up to <see cref="Group"/> candles.</summary>
public sealed record PriceSeries(string Symbol, long Group, IReadOnlyList<long> Time, IReadOnlyList<double> Open,
    IReadOnlyList<double> High, IReadOnlyList<double> Low, IReadOnlyList<double> Close);

public sealed record FillRow(long Time, long OrderId, string Symbol, string Side, decimal Quantity, decimal Price, decimal Fee, string Intent);

public sealed record TradeRow(string Symbol, string Side, decimal Quantity, long EntryTime, decimal EntryPrice, long ExitTime,
    decimal ExitPrice, decimal Fees, decimal Pnl, double Return, string ExitReason);

public sealed record OrderRow(long Id, string Symbol, string Side, string Intent, decimal Quantity, decimal FilledQuantity,
    decimal AveragePrice, decimal Fees, string State, long CreatedAt, IReadOnlyList<OrderStep> History);

/// <summary>One state an order entered, when, and why (when there was a reason).</summary>
public sealed record OrderStep(string State, long Time, string? Reason);

public sealed record RiskRow(long Time, string Symbol, string Verdict, string Check, string Reason, double Value, double Limit,
    decimal RequestedQuantity, decimal ApprovedQuantity);

public sealed record StopRow(long Time, string Reason);
