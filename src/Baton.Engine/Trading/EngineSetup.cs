using Baton.Core.Execution;
using Baton.Core.Risk;
using Baton.Core.Sizing;
using Baton.Engine.Strategy;

namespace Baton.Engine.Trading;

/// <summary>Maps the strategy model's settings onto the Core objects that enforce them.</summary>
internal static class EngineSetup
{
    public static RiskLimits Limits(RiskSpec r) => new(r.MaxPositions, r.MaxDrawdown, r.DailyLoss, r.MaxPositionSize);

    public static CostModel Costs(ExecutionSpec e) => new(e.FeeRate, e.FeePerUnit, e.FeePerOrder, e.SlippageBps)
    {
        FeeMinimum = e.FeeMinimum,
        MakerFeeRate = e.MakerFeeRate,
        TakerFeeRate = e.TakerFeeRate,
        Slippage = e.Slippage,
        SlippageValue = e.SlippageValue,
    };

    /// <summary>One fill model per symbol: the strategy's costs, or the symbol's override.</summary>
    public static FillModel[] FillModels(ExecutionSpec e, IReadOnlyList<string> symbols) =>
        symbols.Select(s => new FillModel(Costs(e.PerSymbol.TryGetValue(s, out var o) ? o : e))).ToArray();

    public static PositionSizer Sizer(SizingSpec s, CostModel costs) => new(s.Kind switch
    {
        SizingKind.Quantity => SizingMethod.FixedQuantity,
        SizingKind.Cash => SizingMethod.FixedCash,
        SizingKind.Risk => SizingMethod.RiskFraction,
        _ => SizingMethod.EquityFraction,
    }, s.Value, s.Fractional, s.QuantityStep, costs);

    /// <summary>Resolves an IANA or Windows time-zone id; UTC for "UTC" or empty.</summary>
    public static TimeZoneInfo Zone(string id) =>
        string.IsNullOrEmpty(id) || id == "UTC" ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(id);
}
