using System.Globalization;

namespace Baton.Core.Risk;

/// <summary>
/// The seed's risk tree, a gate of early returns in a fixed order: max open positions → max drawdown →
/// daily loss → position size (too large: reduced to the cap, not rejected). Limits are inclusive: being
/// exactly at a loss limit is a breach, holding exactly the maximum number of positions rejects the next.
/// </summary>
public sealed class RiskManager(RiskLimits limits)
{
    public RiskLimits Limits { get; } = limits;

    /// <summary>Decides on an entry of <paramref name="quantity"/> units at about <paramref name="price"/>.</summary>
    public RiskDecision EvaluateEntry(in RiskSnapshot s, decimal quantity, double price)
    {
        if (Limits.MaxPositions is { } maxPositions && s.OpenPositions >= maxPositions)
            return Reject("max_positions", $"{Format(s.OpenPositions)} positions open, limit {Format(maxPositions)}",
                s.OpenPositions, maxPositions, quantity);
        if (DrawdownBreached(s) is { } dd)
            return Reject("max_drawdown", $"drawdown {Percent(-s.Drawdown)} reached limit {Percent(dd)}", -s.Drawdown, dd, quantity);
        if (DailyLossBreached(s) is { } daily)
            return Reject("daily_loss", $"daily loss {Percent(-s.DailyReturn)} reached limit {Percent(daily)}",
                -s.DailyReturn, daily, quantity);
        return SizeCheck(s, quantity, price);
    }

    /// <summary>The breached loss limit, if any: max drawdown first, then daily loss; null when none is breached.</summary>
    public RiskDecision? CheckBreach(in RiskSnapshot s)
    {
        if (DrawdownBreached(s) is { } dd)
            return Reject("max_drawdown", $"drawdown {Percent(-s.Drawdown)} reached limit {Percent(dd)}", -s.Drawdown, dd, 0);
        if (DailyLossBreached(s) is { } daily)
            return Reject("daily_loss", $"daily loss {Percent(-s.DailyReturn)} reached limit {Percent(daily)}", -s.DailyReturn, daily, 0);
        return null;
    }

    private double? DrawdownBreached(in RiskSnapshot s) =>
        Limits.MaxDrawdown is { } limit && -s.Drawdown >= limit ? limit : null;

    private double? DailyLossBreached(in RiskSnapshot s) =>
        Limits.DailyLoss is { } limit && -s.DailyReturn >= limit ? limit : null;

    private RiskDecision SizeCheck(in RiskSnapshot s, decimal quantity, double price)
    {
        double notional = (double)quantity * price;
        if (Limits.MaxPositionSize is not { } cap || s.Equity <= 0 || notional <= cap * s.Equity)
            return new RiskDecision(RiskVerdict.Approved, "all", "within limits", notional / Math.Max(s.Equity, double.Epsilon),
                Limits.MaxPositionSize ?? 0, quantity, quantity);
        double fraction = notional / s.Equity;
        decimal allowed = (decimal)(cap * s.Equity / price);
        return new RiskDecision(RiskVerdict.Reduced, "position_size",
            $"position {Percent(fraction)} of equity above cap {Percent(cap)}", fraction, cap, quantity, allowed);
    }

    private static RiskDecision Reject(string check, string reason, double value, double limit, decimal quantity) =>
        new(RiskVerdict.Rejected, check, reason, value, limit, quantity, 0);

    private static string Percent(double fraction) => (fraction * 100).ToString("0.###", CultureInfo.InvariantCulture) + "%";

    private static string Format(int n) => n.ToString(CultureInfo.InvariantCulture);
}
