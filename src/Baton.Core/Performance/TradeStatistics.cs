namespace Baton.Core.Performance;

/// <summary>
/// Statistics of closed trades from their realised profit or loss (account currency, net of costs, exact
/// <see cref="decimal"/>). A trade with P&amp;L &gt; 0 is a win, &lt; 0 a loss, exactly 0 breakeven: counted
/// in <see cref="TradeCount"/> (so in the win-rate denominator) but neither a win nor a loss. Values that
/// are undefined for the trades given are null, never NaN or infinity.
/// </summary>
public sealed record TradeStatistics
{
    /// <summary>Closed trades, breakevens included.</summary>
    public required int TradeCount { get; init; }

    /// <summary>Trades with P&amp;L &gt; 0.</summary>
    public required int WinCount { get; init; }

    /// <summary>Trades with P&amp;L &lt; 0.</summary>
    public required int LossCount { get; init; }

    /// <summary>Sum of winning P&amp;L, ≥ 0.</summary>
    public required decimal GrossProfit { get; init; }

    /// <summary>Sum of losing P&amp;L, ≤ 0 (kept negative).</summary>
    public required decimal GrossLoss { get; init; }

    /// <summary>Sum of all P&amp;L.</summary>
    public required decimal NetProfit { get; init; }

    /// <summary><see cref="WinCount"/> / <see cref="TradeCount"/>, a fraction; null without trades.</summary>
    public required double? WinRate { get; init; }

    /// <summary>
    /// <see cref="GrossProfit"/> / |<see cref="GrossLoss"/>|; null when there is no loss (it would be
    /// infinite, or 0/0 without trades), 0 when there are losses and no wins.
    /// </summary>
    public required double? ProfitFactor { get; init; }

    /// <summary>Mean P&amp;L per trade (<see cref="NetProfit"/> / <see cref="TradeCount"/>); null without trades.</summary>
    public required decimal? Expectancy { get; init; }

    /// <summary>Mean P&amp;L of the wins; null without wins.</summary>
    public required decimal? AverageWin { get; init; }

    /// <summary>Mean P&amp;L of the losses, negative; null without losses.</summary>
    public required decimal? AverageLoss { get; init; }

    /// <summary>Largest single win; null without wins.</summary>
    public required decimal? LargestWin { get; init; }

    /// <summary>Largest single loss (the most negative P&amp;L); null without losses.</summary>
    public required decimal? LargestLoss { get; init; }

    /// <summary>Computes the statistics of <paramref name="closedTradePnl"/>, one realised P&amp;L per closed trade.</summary>
    public static TradeStatistics From(ReadOnlySpan<decimal> closedTradePnl)
    {
        int wins = 0, losses = 0;
        decimal grossProfit = 0m, grossLoss = 0m, largestWin = 0m, largestLoss = 0m;
        foreach (var pnl in closedTradePnl)
        {
            if (pnl > 0m)
            {
                wins++;
                grossProfit += pnl;
                largestWin = Math.Max(largestWin, pnl);
            }
            else if (pnl < 0m)
            {
                losses++;
                grossLoss += pnl;
                largestLoss = Math.Min(largestLoss, pnl);
            }
        }
        int count = closedTradePnl.Length;
        decimal net = grossProfit + grossLoss;
        return new TradeStatistics
        {
            TradeCount = count,
            WinCount = wins,
            LossCount = losses,
            GrossProfit = grossProfit,
            GrossLoss = grossLoss,
            NetProfit = net,
            WinRate = count == 0 ? null : (double)wins / count,
            ProfitFactor = losses == 0 ? null : (double)grossProfit / -(double)grossLoss,
            Expectancy = count == 0 ? null : net / count,
            AverageWin = wins == 0 ? null : grossProfit / wins,
            AverageLoss = losses == 0 ? null : grossLoss / losses,
            LargestWin = wins == 0 ? null : largestWin,
            LargestLoss = losses == 0 ? null : largestLoss,
        };
    }
}
