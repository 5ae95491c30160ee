namespace Baton.Core.Tests.Indicators;

/// <summary>
/// The contract's table: every registered indicator type has at least one case here. Types with a TA-Lib
/// series in ../shared/data are checked against it (all their outputs); the others against a naive
/// recomputation written from the published definition.
/// </summary>
public static partial class IndicatorCases
{
    private static readonly Lazy<IndicatorCase[]> All = new(() => [.. Reference(), .. Recomputed()]);

    public static IReadOnlyList<IndicatorCase> For(string type) => [.. All.Value.Where(c => c.Type == type)];

    private static IndicatorCase TaLib(string type, string parameters, params string[] keys) =>
        new(type, IndicatorCase.ParseParameters(parameters), "TA-Lib " + string.Join(" ", keys),
            data => [.. keys.Select(data.Reference)]);

    private static IndicatorCase Recompute(string type, string parameters, Func<MarketData, double[][]> expected) =>
        new(type, IndicatorCase.ParseParameters(parameters), "naive recomputation", expected);

    private static IndicatorCase Recompute(string type, string parameters, Func<MarketData, double[]> expected) =>
        Recompute(type, parameters, data => [expected(data)]);

    private static IEnumerable<IndicatorCase> Reference() =>
    [
        TaLib("sma", "period=10", "SMA_10"),
        TaLib("sma", "period=30", "SMA_30"),
        TaLib("ema", "period=12", "EMA_12"),
        TaLib("ema", "period=26", "EMA_26"),
        TaLib("wma", "period=10", "WMA_10"),
        TaLib("dema", "period=10", "DEMA_10"),
        TaLib("tema", "period=10", "TEMA_10"),
        TaLib("kama", "period=10", "KAMA_10"),
        TaLib("rsi", "period=14", "RSI_14"),
        TaLib("macd", "fast=12,slow=26,signal=9",
            "MACD_12_26_9.macd", "MACD_12_26_9.signal", "MACD_12_26_9.hist"),
        TaLib("macd", "fast=12,slow=26,signal=9,independent_seed=1",
            "MACD_12_26_9_independent_seed.macd", "MACD_12_26_9_independent_seed.signal",
            "MACD_12_26_9_independent_seed.hist"),
        TaLib("bbands", "period=20,stddev=2", "BBANDS_20_2.upper", "BBANDS_20_2.middle", "BBANDS_20_2.lower"),
        TaLib("atr", "period=14", "ATR_14"),
        TaLib("trange", "", "extra.TRANGE"),
        TaLib("stoch", "k=14,smooth_k=3,d=3", "STOCH_14_3_3.k", "STOCH_14_3_3.d"),
        TaLib("adx", "period=14", "ADX_14", "extra.PLUS_DI_14", "extra.MINUS_DI_14"),
        TaLib("plus_di", "period=14", "extra.PLUS_DI_14"),
        TaLib("minus_di", "period=14", "extra.MINUS_DI_14"),
        TaLib("cci", "period=20", "CCI_20"),
        TaLib("willr", "period=14", "WILLR_14"),
        TaLib("obv", "", "OBV"),
        TaLib("roc", "period=10", "ROC_10"),
        TaLib("donchian", "period=20", "DONCHIAN_20.upper", "DONCHIAN_20.lower", "DONCHIAN_20.middle"),
        TaLib("max", "period=20", "MAX_20_close"),
        TaLib("min", "period=20", "MIN_20_close"),
        TaLib("highest", "period=20", "DONCHIAN_20.upper"),
        TaLib("lowest", "period=20", "DONCHIAN_20.lower"),
        TaLib("apo", "fast=12,slow=26", "MACD_12_26_9_independent_seed.macd"),
    ];
}
