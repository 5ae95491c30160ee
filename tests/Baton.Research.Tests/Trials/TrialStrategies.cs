namespace Baton.Research.Tests.Trials;

/// <summary>Strategies that exercise every part of the engine a shared pass touches, each with parameter sets whose
/// trials share some indicators and not others. Written to a temporary folder once per test run.</summary>
internal static class TrialStrategies
{
    private const string Hourly = "data: { source: synthetic, bars: 3000, seed: 42, start: 2024-01-01, start_price: 40000, volatility: 0.01 }";

    /// <summary>Name -> (YAML, parameter names, value sets).</summary>
    public static readonly IReadOnlyDictionary<string, (string Yaml, string[] Names, string[][] Sets)> All =
        new Dictionary<string, (string, string[], string[][])>(StringComparer.Ordinal)
        {
            ["several_symbols"] = ("""
                name: several_symbols
                symbols: [AAA, BBB, CCC]
                timeframe: 1d
                data: { source: synthetic, bars: 1500, seed: 7, start: 2015-01-01, start_price: 50, volatility: 0.025 }
                dependencies:
                  indicators:
                    - { id: hi, type: max, period: "${hi}" }
                    - { id: lo, type: min, period: "${lo}" }
                    - { id: atr, type: atr, period: 14 }
                    - { id: trend, type: sma, period: 50 }
                parameters: { hi: 20, lo: 20 }
                entry:
                  - { when: close >= hi and close > trend, action: buy }
                  - { when: close <= lo and close < trend, action: short }
                exit:
                  stop_loss: 2.5atr
                  trailing_stop: { atr: 3 }
                sizing: { type: percent_equity, value: 60% }
                risk: { max_positions: 2, max_position_size: 40%, max_drawdown: 25%, daily_loss: 4%, on_breach: close_all }
                execution: { fees: 0.05%, slippage: 10bps }
                """, ["hi", "lo"], [["10", "15"], ["20", "15"], ["30", "20"], ["20", "20"], ["10", "30"], ["30", "30"]]),
            ["higher_timeframe"] = ($$"""
                name: higher_timeframe
                symbols: [BTCUSDT]
                timeframe: 1h
                {{Hourly}}
                dependencies:
                  indicators:
                    - { id: fast, type: ema, period: "${fast}" }
                    - { id: slow, type: ema, period: 30 }
                    - { id: daily, type: sma, period: "${daily}", timeframe: 1d }
                    - { id: slowrsi, type: rsi, period: 5, timeframe: 4h }
                  signals:
                    - { id: up, type: crossover, above: fast, below: slow }
                    - { id: down, type: crossover, above: slow, below: fast }
                parameters: { fast: 10, daily: 5 }
                entry:
                  - { when: up and close > daily and slowrsi < 80, action: buy }
                exit:
                  stop_loss: 3%
                  signals:
                    - { when: down, action: close }
                """, ["fast", "daily"], [["5", "3"], ["8", "3"], ["12", "3"], ["5", "5"], ["8", "5"], ["12", "7"]]),
            ["several_outputs"] = ($$"""
                name: several_outputs
                symbols: [BTCUSDT]
                timeframe: 1h
                {{Hourly}}
                dependencies:
                  indicators:
                    - { id: m, type: macd, fast: "${fast}", slow: 26, signal: "${signal}" }
                    - { id: bb, type: bbands, period: "${bb}", stddev: 2 }
                  signals:
                    - { id: up, type: crossover, above: m.macd, below: m.signal }
                    - { id: down, type: crossover, above: m.signal, below: m.macd }
                parameters: { fast: 12, signal: 9, bb: 20 }
                entry:
                  - { when: up and close < bb.upper, action: buy }
                exit:
                  signals:
                    - { when: down, action: close }
                    - { when: close > bb.upper and m.hist < 0, action: sell }
                """, ["fast", "signal", "bb"], [["8", "5", "20"], ["8", "9", "20"], ["12", "5", "30"], ["12", "9", "20"], ["12", "9", "30"], ["8", "5", "30"]]),
            ["indicator_over_indicator"] = ($$"""
                name: indicator_over_indicator
                symbols: [BTCUSDT]
                timeframe: 1h
                {{Hourly}}
                dependencies:
                  indicators:
                    - { id: r, type: rsi, period: "${rsi}" }
                    - { id: rs, type: sma, period: "${smooth}", source: r }
                    - { id: m, type: macd }
                    - { id: ms, type: ema, period: "${smooth}", source: m.hist }
                  signals:
                    - { id: up, type: crossover, above: r, below: rs }
                    - { id: down, type: crossover, above: rs, below: r }
                parameters: { rsi: 14, smooth: 5 }
                entry:
                  - { when: up and ms > 0, action: buy }
                exit:
                  take_profit: 3%
                  signals:
                    - { when: down, action: close }
                """, ["rsi", "smooth"], [["7", "3"], ["14", "3"], ["7", "5"], ["14", "5"], ["7", "9"], ["14", "9"]]),
            ["entry_orders"] = ($$"""
                name: entry_orders
                symbols: [BTCUSDT]
                timeframe: 1h
                {{Hourly}}
                dependencies:
                  indicators:
                    - { id: fast, type: ema, period: "${fast}" }
                    - { id: slow, type: ema, period: 48 }
                  signals:
                    - { id: up, type: crossover, above: fast, below: slow }
                    - { id: down, type: crossover, above: slow, below: fast }
                parameters: { fast: 12, limit: -0.5%, trail: 3% }
                entry:
                  - when: up
                    action: buy
                    order: { type: limit, limit: "${limit}", time_in_force: gtd, expire_after: 5 }
                  - when: down
                    action: short
                    order: { type: stop, stop: -0.3%, time_in_force: gtd, expire_after: 3 }
                exit:
                  stop_loss: 2%
                  trailing_stop: "${trail}"
                sizing: { type: percent_equity, value: 20%, fractional: true, step: 0.0001 }
                risk: { max_positions: 1, max_position_size: 25% }
                execution: { fees: { maker: 0.02%, taker: 0.1% }, slippage: 5bps, max_volume: 10% }
                """, ["fast", "limit", "trail"], [["8", "-0.5%", "2%"], ["12", "-0.5%", "2%"], ["8", "-1%", "3%"], ["12", "-1%", "3%"], ["8", "-0.5%", "3%"], ["16", "-1%", "2%"]]),
            ["loss_limits"] = ($$"""
                name: loss_limits
                symbols: [BTCUSDT]
                timeframe: 1h
                {{Hourly}}
                dependencies:
                  indicators:
                    - { id: fast, type: sma, period: "${fast}" }
                    - { id: slow, type: sma, period: 30 }
                  signals:
                    - { id: up, type: crossover, above: fast, below: slow }
                    - { id: down, type: crossover, above: slow, below: fast }
                parameters: { fast: 10, dd: 5%, daily: 2% }
                entry:
                  - { when: up, action: buy }
                exit:
                  signals:
                    - { when: down, action: close }
                sizing: { type: percent_equity, value: 95% }
                risk: { max_drawdown: "${dd}", daily_loss: "${daily}", max_position_size: 100%, on_breach: close_all }
                """, ["fast", "dd", "daily"], [["5", "3%", "1%"], ["10", "3%", "2%"], ["5", "8%", "2%"], ["10", "8%", "1%"], ["5", "95%", "60%"], ["10", "5%", "1.5%"]]),
            ["decide_paths"] = ($$"""
                name: decide_paths
                symbols: [BTCUSDT]
                timeframe: 1h
                {{Hourly}}
                dependencies:
                  indicators:
                    - { id: rsi, type: rsi, period: "${period}" }
                    - { id: trend, type: ema, period: 50 }
                    - { id: atr, type: atr, period: 14 }
                parameters: { period: 14, low: 30, high: 70 }
                entry:
                  - when: rsi < ${low} and close > trend
                    action: buy
                    size: 20%
                  - when: rsi > ${high} and close < trend
                    action: short
                    size: { type: cash, value: 5000 }
                exit:
                  stop_loss: 1.5atr
                  signals:
                    - { when: rsi > 55, action: sell }
                    - { when: rsi < 45, action: cover }
                risk: { max_positions: 1, max_position_size: 30% }
                """, ["period", "low", "high"], [["7", "25", "75"], ["14", "30", "70"], ["7", "30", "70"], ["14", "25", "75"], ["9", "35", "65"], ["7", "35", "65"]]),
        };

    private static readonly Lazy<string> Folder = new(() =>
    {
        string dir = Path.Combine(Path.GetTempPath(), "baton-trial-strategies-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        foreach (var (name, (yaml, _, _)) in All) File.WriteAllText(Path.Combine(dir, name + ".yaml"), yaml);
        return dir;
    });

    public static string PathOf(string name) =>
        name == "sma_example" ? TrialBatchTests.Example : System.IO.Path.Combine(Folder.Value, name + ".yaml");

    public static (string[] Names, string[][] Sets) Parameters(string name) => name == "sma_example"
        ? (["fast_period", "slow_period"], [["5", "20"], ["6", "20"], ["10", "30"], ["11", "30"], ["5", "40"], ["20", "40"], ["10", "20"], ["20", "30"]])
        : (All[name].Names, All[name].Sets);
}
