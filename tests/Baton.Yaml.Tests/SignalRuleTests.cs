using Baton.Core.Market;
using Baton.Engine.Compilation;
using Baton.Engine.Trading;

namespace Baton.Yaml.Tests;

/// <summary>Each signal type written in YAML, compiled and run through the engine: the signal's slot fires on the
/// expected candles and its first firing is the candle on which the entry rule decides to buy.</summary>
public class SignalRuleTests
{
    private const long Day = Timeframe.Day;

    private static string Strategy(string indicators, string signal) => $$"""
        name: t
        symbols: [X]
        timeframe: 1d
        dependencies:
          indicators: [{{indicators}}]
          signals:
            - {{signal}}
        entry:
          - { when: sig, action: buy }
        sizing: { type: quantity, value: 1 }
        execution: { fill: close }
        """;

    /// <summary>Candles from closes: open = close, high and low half a unit around.</summary>
    private static Candle[] Closes(params double[] closes) =>
        [.. closes.Select((c, i) => new Candle(i * Day, c, c + 0.5, c - 0.5, c, 1000))];

    private static Candle[] Bars(params (double O, double H, double L, double C)[] bars) =>
        [.. bars.Select((b, i) => new Candle(i * Day, b.O, b.H, b.L, b.C, 1000))];

    /// <summary>Runs the strategy; returns the candles on which the signal fired and the candle of the first buy decision.</summary>
    private static (int[] Fired, int FirstBuy, int WarmUp) Run(string indicators, string signal, Candle[] candles)
    {
        var compiled = StrategyCompiler.Compile(StrategyLoader.LoadFromText(Strategy(indicators, signal), "s.yaml"));
        var pipeline = compiled.CreatePipeline();
        int slot = compiled.Layout.Resolve("sig");
        var fired = new List<int>();
        for (int i = 0; i < candles.Length; i++)
        {
            pipeline.Update(candles[i]);
            if (pipeline.Slots[slot] == 1) fired.Add(i);
        }
        var engine = new TradingEngine(compiled, EngineSinks.None);
        foreach (var c in candles) engine.OnCandle(0, c);
        engine.Finish();
        int firstBuy = engine.Orders.Count == 0 ? -1 : (int)(engine.Orders[0].CreatedAt / Day) - 1;
        return ([.. fired], firstBuy, compiled.Entries[0].WarmUp);
    }

    [Fact]
    public void Breakout_above_the_previous_donchian_upper_drives_a_buy()
    {
        var (fired, buy, warmUp) = Run("{ id: ch, type: donchian, period: 3 }", "{ id: sig, type: breakout, upper: ch.upper, direction: up }",
            Closes(10, 10, 10, 10, 10, 12, 13, 12, 14));
        Assert.Equal([5, 8], fired);    // 12 > 10.5, the upper band of candles 2..4; 14 > 13.5 after a candle that was not beyond
        Assert.Equal(5, buy);
        Assert.Equal(5, warmUp);        // donchian 3, then 3 candles of the band
    }

    [Fact]
    public void Rising_drives_a_buy()
    {
        var (fired, buy, _) = Run("", "{ id: sig, type: rising, bars: 3 }", Closes(10, 9, 10, 11, 12, 11));
        Assert.Equal([4], fired);
        Assert.Equal(4, buy);
    }

    [Fact]
    public void Falling_drives_a_buy()
    {
        var (fired, buy, _) = Run("{ id: fast, type: sma, period: 2 }", "{ id: sig, type: falling, input: fast, bars: 2 }",
            Closes(10, 11, 12, 11, 10, 9, 8));
        Assert.Equal([5, 6], fired);    // sma(2) from candle 1: 10.5 11.5 11.5 10.5 9.5 8.5; the tie at 3 is no fall
        Assert.Equal(5, buy);
    }

    [Fact]
    public void Divergence_against_an_oscillator_drives_a_buy()
    {
        // roc(1): -20 at 8, +12.5 at 9, -12.2 at 7.9: 7.9 is a lower low than 8 while the oscillator is higher
        var (fired, buy, warmUp) = Run("{ id: mom, type: roc, period: 1 }",
            "{ id: sig, type: divergence, oscillator: mom, lookback: 2, direction: bullish }", Closes(10, 8, 9, 7.9));
        Assert.Equal([3], fired);
        Assert.Equal(3, buy);
        Assert.Equal(4, warmUp);
    }

    [Fact]
    public void Engulfing_drives_a_buy()
    {
        var (fired, buy, _) = Run("", "{ id: sig, type: engulfing, direction: bullish }",
            Bars((10.5, 11, 10, 10.2), (10, 10.5, 8.5, 9), (8.8, 10.5, 8.5, 10.2), (10.2, 10.6, 10, 10.4)));
        Assert.Equal([2], fired);
        Assert.Equal(2, buy);
    }

    [Fact]
    public void Hammer_drives_a_buy()
    {
        var (fired, buy, _) = Run("", "{ id: sig, type: hammer }", Bars((10, 11, 9.5, 10.8), (10.8, 11, 10, 10.2), (9.8, 10, 8, 10)));
        Assert.Equal([2], fired);
        Assert.Equal(2, buy);
    }

    [Fact]
    public void Doji_drives_a_buy()
    {
        var (fired, buy, _) = Run("", "{ id: sig, type: doji, max_body: 5% }", Bars((10, 11, 9, 10.8), (10, 11, 9, 10.15), (10, 11, 9, 10.05)));
        Assert.Equal([2], fired);
        Assert.Equal(2, buy);
    }

    [Fact]
    public void Morning_star_drives_a_buy()
    {
        var (fired, buy, _) = Run("", "{ id: sig, type: morning_star }",
            Bars((10.5, 10.6, 9.9, 10), (10, 10.2, 7.8, 8), (7.9, 8, 7.4, 7.6), (7.7, 9.6, 7.6, 9.5)));
        Assert.Equal([3], fired);
        Assert.Equal(3, buy);
    }

    [Fact]
    public void Evening_star_drives_a_buy()
    {
        var (fired, buy, _) = Run("", "{ id: sig, type: evening_star, star_body: 0.3 }",
            Bars((8, 10.2, 7.8, 10), (10.1, 10.6, 10, 10.4), (10.3, 10.4, 8.5, 8.6)));
        Assert.Equal([2], fired);
        Assert.Equal(2, buy);
    }
}
