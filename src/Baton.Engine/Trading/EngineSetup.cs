using Baton.Core.Execution;
using Baton.Core.Risk;
using Baton.Core.Sizing;
using Baton.Engine.Strategy;

namespace Baton.Engine.Trading;

/// <summary>Maps the strategy model's settings onto the Core objects that enforce them.</summary>
internal static class EngineSetup
{
    internal static RiskLimits Limits(RiskSpec r) => new(r.MaxPositions, r.MaxDrawdown, r.DailyLoss, r.MaxPositionSize);

    internal static CostModel Costs(ExecutionSpec e) => new(e.FeeRate, e.FeePerUnit, e.FeePerOrder, e.SlippageBps)
    {
        FeeMinimum = e.FeeMinimum,
        MakerFeeRate = e.MakerFeeRate,
        TakerFeeRate = e.TakerFeeRate,
        Slippage = e.Slippage,
        SlippageValue = e.SlippageValue,
    };

    /// <summary>One cost model per symbol: the symbol's override (already merged over the strategy's costs by the loader),
    /// else the strategy's. Fills and sizing both read these, so a symbol pays one schedule everywhere.</summary>
    public static CostModel[] SymbolCosts(ExecutionSpec e, IReadOnlyList<string> symbols) =>
        symbols.Select(s => Costs(e.PerSymbol.TryGetValue(s, out var o) ? o : e)).ToArray();

    /// <summary>One sizer per symbol, each checking affordability against that symbol's costs.</summary>
    internal static PositionSizer[] Sizers(SizingSpec s, CostModel[] symbolCosts) => symbolCosts.Select(c => Sizer(s, c)).ToArray();

    internal static PositionSizer Sizer(SizingSpec s, CostModel costs) => new(s.Kind switch
    {
        SizingKind.Quantity => SizingMethod.FixedQuantity,
        SizingKind.Cash => SizingMethod.FixedCash,
        SizingKind.Risk => SizingMethod.RiskFraction,
        _ => SizingMethod.EquityFraction,
    }, s.Value, s.Fractional, s.QuantityStep, costs);

    /// <summary>Resolves an IANA or Windows time-zone id; UTC for "UTC" or empty.</summary>
    internal static TimeZoneInfo Zone(string id) =>
        string.IsNullOrEmpty(id) || id == "UTC" ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(id);
}
