namespace Baton.Core.Indicators;

internal static partial class IndicatorCatalog
{
    private static IEnumerable<IndicatorDescriptor> Volume() =>
    [
        Bar("obv", "On-balance volume", [], ["value"], _ => new OnBalanceVolume()),
    ];
}
