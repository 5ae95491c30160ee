namespace Baton.Core.Indicators;

internal static partial class IndicatorCatalog
{
    private static IEnumerable<IndicatorDescriptor> Volume() =>
    [
        Bar("obv", "On-balance volume", [], ["value"], _ => new OnBalanceVolume()),
        Bar("vwap", "Volume-weighted average price, session-anchored",
            [new("session_hours", 24, 0, 24 * 366, true, "session length in hours, aligned on UTC midnight 1970-01-01; 0 = never reset")],
            ["value"], a => new VolumeWeightedAveragePrice(a.Integer("session_hours"))),
        Bar("mfi", "Money flow index", [Period(14)], ["value"], a => new MoneyFlowIndex(a.Integer("period"))),
    ];
}
