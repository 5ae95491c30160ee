using Baton.Core.Market;
using Baton.Core.Signals;
using Baton.Engine.Backtest;
using Baton.Engine.Compilation;
using Baton.Engine.Data;
using Baton.Engine.Data.Synthetic;
using Baton.Engine.Strategy;
using Baton.Engine.Trading;

namespace Baton.Engine.Tests.Trading;

public class LookAheadTests
{
    private static StrategyDefinition Strategy() => new()
    {
        Name = "lookahead",
        Symbols = ["A", "B"],
        Timeframe = new Timeframe(Timeframe.Hour),
        Data = new DataSpec { Bars = 3000, Seed = 5, Volatility = 0.01 },
        Indicators =
        [
            new IndicatorSpec("fast", "ema", new Dictionary<string, double> { ["period"] = 8 }, "close", null, default),
            new IndicatorSpec("slow", "sma", new Dictionary<string, double> { ["period"] = 21 }, "close", null, default),
            new IndicatorSpec("rsi", "rsi", new Dictionary<string, double> { ["period"] = 14 }, "close", null, default),
        ],
        Signals =
        [
            new SignalSpec("up", "crossover", new SignalValues(series: new Dictionary<string, string> { ["above"] = "fast", ["below"] = "slow" }), default),
            new SignalSpec("down", "crossover", new SignalValues(series: new Dictionary<string, string> { ["above"] = "slow", ["below"] = "fast" }), default),
        ],
        Entry = [new RuleSpec("up and rsi < 70", TradeAction.Buy, default), new RuleSpec("down and rsi > 30", TradeAction.Short, default)],
        Exit = new ExitSpec
        {
            StopLoss = new PriceDistance(DistanceKind.AtrMultiple, 2),
            TakeProfit = new PriceDistance(DistanceKind.Fraction, 0.03),
            Signals = [new RuleSpec("down", TradeAction.Sell, default), new RuleSpec("up", TradeAction.Cover, default)],
        },
        Risk = new RiskSpec { MaxPositions = 1, DailyLoss = 0.05 },
        Sizing = new SizingSpec { Kind = SizingKind.EquityFraction, Value = 0.5m, Fractional = true, QuantityStep = 0.001m },
        Execution = new ExecutionSpec { FeeRate = 0.001m, SlippageBps = 5 },
    };

    private static BacktestResult Run(StrategyDefinition d, TimeRange range) =>
        BacktestRunner.RunAsync(StrategyCompiler.Compile(d), new SyntheticCandleSource(d.Data), range, EngineSinks.None, null, null,
            CancellationToken.None).GetAwaiter().GetResult();

    [Fact]
    public void Cutting_the_data_at_20_random_points_changes_no_decision_made_before_the_cut()
    {
        var d = Strategy();
        var full = Run(d, TimeRange.All);
        Assert.True(full.Orders.Count > 40, $"the probe needs decisions to compare; got {full.Orders.Count}");
        var random = new Random(1234);
        for (int i = 0; i < 20; i++)
        {
            long cutOpen = d.Data.Start + random.Next(50, d.Data.Bars) * Timeframe.Hour;
            long cutClose = cutOpen + Timeframe.Hour;
            var cut = Run(d, new TimeRange(null, cutOpen));
            var expected = full.Orders.Where(o => o.CreatedAt <= cutClose).Select(Decision).ToList();
            var actual = cut.Orders.Select(Decision).ToList();
            Assert.Equal(expected, actual);
        }
    }

    private static string Decision(Core.Orders.Order o) => $"{o.Id} {o.Symbol} {o.Side} {o.Intent} {o.Quantity} {o.CreatedAt}";
}
