using Baton.Core.Market;
using Baton.Engine.Compilation;
using Baton.Engine.Strategy;

namespace Baton.Engine.Tests.Trading;

public class HigherTimeframeTests
{
    private static StrategyDefinition Strategy() => new()
    {
        Name = "mtf",
        Symbols = ["A"],
        Timeframe = new Timeframe(Timeframe.Hour),
        Data = new DataSpec(),
        Indicators =
        [
            new IndicatorSpec("daily_sma", "sma", new Dictionary<string, double> { ["period"] = 3 }, "close", Timeframe.OneDay, default),
            new IndicatorSpec("daily_atr", "atr", new Dictionary<string, double> { ["period"] = 2 }, "close", Timeframe.OneDay, default),
        ],
        Entry = [new RuleSpec("close > daily_sma and daily_atr > 0", TradeAction.Buy, default)],
    };

    [Fact]
    public void A_daily_indicator_on_hourly_data_sees_each_day_only_after_it_closed()
    {
        var compiled = StrategyCompiler.Compile(Strategy());
        var pipeline = compiled.CreatePipeline();
        int sma = compiled.Layout.Resolve("daily_sma");
        var random = new Random(3);
        var dailyCloses = new List<double>();
        double price = 100;
        for (int hour = 0; hour < 24 * 6; hour++)
        {
            double open = price;
            price *= 1 + (random.NextDouble() - 0.5) * 0.02;
            pipeline.Update(new Candle(hour * Timeframe.Hour, open, Math.Max(open, price) + 0.1, Math.Min(open, price) - 0.1, price, 5));
            bool dayClosed = hour % 24 == 23;
            if (dayClosed) dailyCloses.Add(price);
            double expected = dailyCloses.Count >= 3 ? dailyCloses.TakeLast(3).Average() : double.NaN;
            Assert.Equal(expected, pipeline.Slots[sma], 9);
        }
    }

    [Fact]
    public void Warm_up_counts_base_bars()
    {
        var compiled = StrategyCompiler.Compile(Strategy());
        Assert.Equal(3 * 24, compiled.Layout.WarmUpOf(compiled.Layout.Resolve("daily_sma")));
        Assert.Equal(3 * 24, compiled.Entries[0].WarmUp);
    }
}
