namespace Baton.Core.Risk;

/// <summary>Risk limits as fractions (0.2 = 20%); null means not checked.</summary>
/// <param name="MaxPositions">Open positions allowed at once; an entry is rejected when this many are open.</param>
/// <param name="MaxDrawdown">Largest fall from the high-water mark; reaching it is a breach.</param>
/// <param name="DailyLoss">Largest fall from the day's starting equity; reaching it is a breach.</param>
/// <param name="MaxPositionSize">Largest entry notional as a fraction of equity; larger entries are reduced to it.</param>
public sealed record RiskLimits(int? MaxPositions, double? MaxDrawdown, double? DailyLoss, double? MaxPositionSize);

/// <summary>What the risk manager said: about an entry, <see cref="Approved"/>, <see cref="Reduced"/> or
/// <see cref="Rejected"/>; <see cref="Breach"/> when a loss limit is found breached on a mark (trading stops).</summary>
public enum RiskVerdict
{
    Approved,
    Reduced,
    Rejected,
    Breach,
}

/// <summary>
/// A risk decision with its numbers: which check decided (<c>max_positions</c>, <c>max_drawdown</c>,
/// <c>daily_loss</c>, <c>position_size</c>, or <c>all</c> when every check passed), the measured
/// <see cref="Value"/> against the <see cref="Limit"/>, and the quantity asked for and allowed.
/// </summary>
public readonly record struct RiskDecision(
    RiskVerdict Verdict,
    string Check,
    string Reason,
    double Value,
    double Limit,
    decimal RequestedQuantity,
    decimal ApprovedQuantity);

/// <summary>What the risk manager needs to know of the portfolio at the moment of a decision.</summary>
/// <param name="Drawdown">Current drawdown from the high-water mark, ≤ 0 (−0.1 = 10% below the peak).</param>
/// <param name="DailyReturn">Equity change since the day began, as a fraction (−0.03 = down 3%).</param>
public readonly record struct RiskSnapshot(int OpenPositions, double Equity, double Drawdown, double DailyReturn);
