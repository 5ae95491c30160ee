using Baton.Core.Execution;
using Baton.Core.Orders;
using Baton.Engine.Trading;

namespace Baton.Yaml.Tests;

/// <summary>The fee an order pays comes from the most specific setting that names a rate for it: the symbol's own
/// maker/taker, then the symbol's plain rate, then the global maker/taker, then the global plain rate. Every order
/// type, every spelling, through the same cost models the engine fills with.</summary>
public class FeeResolutionTests
{
    private static readonly OrderType[] Types = [OrderType.Market, OrderType.Limit, OrderType.Stop, OrderType.StopLimit, OrderType.TrailingStop];

    // global fees, BTC's fees (null: no override), then the rate BTC's and ETH's taker and maker orders pay
    public static TheoryData<string, string, string?, decimal, decimal, decimal, decimal> Forms() => new()
    {
        { "scalar over scalar", "0.1%", "0.5%", 0.005m, 0.005m, 0.001m, 0.001m },
        { "scalar over maker/taker", "{ maker: 0.02%, taker: 0.1% }", "0.5%", 0.005m, 0.005m, 0.001m, 0.0002m },
        { "percent over maker/taker", "{ maker: 0.02%, taker: 0.1% }", "{ percent: 0.5% }", 0.005m, 0.005m, 0.001m, 0.0002m },
        { "taker only over maker/taker", "{ maker: 0.02%, taker: 0.1% }", "{ taker: 0.3% }", 0.003m, 0.0002m, 0.001m, 0.0002m },
        { "maker/taker over scalar", "0.1%", "{ maker: 0.01%, taker: 0.2% }", 0.002m, 0.0001m, 0.001m, 0.001m },
        { "percent and maker over percent and taker", "{ percent: 0.1%, taker: 0.15% }", "{ percent: 0.4%, maker: 0% }", 0.004m, 0m, 0.0015m, 0.001m },
        { "no override", "{ percent: 0.1%, maker: 0.05% }", null, 0.001m, 0.0005m, 0.001m, 0.0005m },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void The_more_specific_fee_setting_wins_for_every_order_type(string name, string global, string? btc,
        decimal btcTaker, decimal btcMaker, decimal ethTaker, decimal ethMaker)
    {
        string symbols = btc is null ? "" : $"\n    BTC: {{ fees: {btc} }}";
        var d = StrategyLoader.LoadFromText($$"""
            name: fees
            symbols: [BTC, ETH]
            timeframe: 1h
            data: { source: synthetic }
            execution:
              fees: {{global}}
              symbols:{{(btc is null ? " {}" : symbols)}}
            """, "fees.yaml");
        var costs = EngineSetup.SymbolCosts(d.Execution, d.Symbols);
        foreach (var type in Types)
        {
            bool maker = type.IsMaker();
            var (btcRate, ethRate) = maker ? (btcMaker, ethMaker) : (btcTaker, ethTaker);
            Assert.True(btcRate == new FillModel(costs[0]).Fee(10m, 100m, firstFill: false, maker) / 1000m, $"{name}: BTC {type}");
            Assert.True(ethRate == new FillModel(costs[1]).Fee(10m, 100m, firstFill: false, maker) / 1000m, $"{name}: ETH {type}");
        }
    }

    [Fact]
    public void A_scalar_symbol_fee_is_the_whole_fee_and_a_map_keeps_the_parts_it_does_not_name()
    {
        var d = StrategyLoader.LoadFromText("""
            name: fees
            symbols: [BTC, ETH]
            timeframe: 1h
            data: { source: synthetic }
            execution:
              fees: { percent: 0.1%, per_order: 2, minimum: 1 }
              symbols:
                BTC: { fees: 0.5% }
                ETH: { fees: { percent: 0.2% } }
            """, "fees.yaml");
        var costs = EngineSetup.SymbolCosts(d.Execution, d.Symbols);
        Assert.Equal(0.5m, new FillModel(costs[0]).Fee(1m, 100m, firstFill: true, maker: false));          // 0.5% of 100, nothing else
        Assert.Equal(0.2m + 2m, new FillModel(costs[1]).Fee(1m, 100m, firstFill: true, maker: false));     // 0.2% + per-order 2
    }
}
