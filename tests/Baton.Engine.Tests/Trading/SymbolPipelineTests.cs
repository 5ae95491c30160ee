using Baton.Core.Indicators;
using Baton.Core.Market;
using Baton.Core.Signals;
using Baton.Engine.Compilation;
using Baton.Engine.Strategy;

namespace Baton.Engine.Tests.Trading;

/// <summary>The compiled graph method against the same indicators and signals driven one by one by hand.</summary>
public class SymbolPipelineTests
{
    private static IndicatorSpec Spec(string id, string type, string source, params (string, double)[] p) =>
        new(id, type, p.ToDictionary(x => x.Item1, x => x.Item2), source, null, default);

    private static StrategyDefinition Strategy() => new()
    {
        Name = "graph",
        Symbols = ["A", "B"],
        Timeframe = new Timeframe(Timeframe.Hour),
        Data = new DataSpec(),
        Indicators =
        [
            Spec("slow", "sma", "close", ("period", 8)),
            Spec("smooth", "ema", "slow", ("period", 3)),          // fed by another indicator: withheld while it is NaN
            Spec("bands", "bbands", "hl2", ("period", 5), ("stddev", 2)),   // three outputs, a derived price field
            Spec("range", "atr", "close", ("period", 4)),           // reads the whole candle
        ],
        Signals =
        [
            new SignalSpec("up", "crossover", new SignalValues(series: new Dictionary<string, string> { ["above"] = "close", ["below"] = "smooth" }), default),
            new SignalSpec("wide", "threshold", new SignalValues(new Dictionary<string, string> { ["input"] = "range" },
                new Dictionary<string, double> { ["level"] = 1.5 }, new Dictionary<string, string> { ["direction"] = "above" }), default),
        ],
        Entry = [new RuleSpec("up and bands.upper > close and wide", TradeAction.Buy, default)],
    };

    [Fact]
    public void Every_slot_holds_what_the_indicators_and_signals_give_when_driven_by_hand()
    {
        var compiled = StrategyCompiler.Compile(Strategy());
        var layout = compiled.Layout;
        var pipelines = new[] { compiled.CreatePipeline(), compiled.CreatePipeline() };   // one method, two symbols' objects
        var hand = new[] { new Hand(), new Hand() };
        var random = new Random(11);
        double[] price = [100, 20];
        for (int bar = 0; bar < 300; bar++)
            for (int s = 0; s < 2; s++)
            {
                double open = price[s];
                price[s] *= 1 + (random.NextDouble() - 0.5) * 0.04;
                var candle = new Candle(bar * Timeframe.Hour, open, Math.Max(open, price[s]) + random.NextDouble(),
                    Math.Min(open, price[s]) - random.NextDouble(), price[s], 10);
                pipelines[s].Update(candle);
                var expected = hand[s].Update(candle);
                foreach (var (name, value) in expected)
                    Assert.True(value.Equals(pipelines[s].Slots[layout.Resolve(name)]),
                        $"symbol {s}, bar {bar}, {name}: expected {value}, got {pipelines[s].Slots[layout.Resolve(name)]}");
            }
    }

    [Fact]
    public void The_compiled_graph_refuses_an_object_of_another_class_than_it_was_compiled_for()
    {
        var sma = new IndicatorNode(new SimpleMovingAverage(3), PriceField.Close, -1, (int)PriceField.Ohlc4 + 1);
        var body = GraphCompiler.Compile([sma], [], (int)PriceField.Ohlc4 + 2);
        var slots = new double[(int)PriceField.Ohlc4 + 2];
        var candle = new Candle(0, 1, 2, 0.5, 1.5, 10);
        body(GraphCompiler.Targets([sma], []), candle, slots);   // its own objects: runs
        Assert.Throws<InvalidCastException>(() => body([new ExponentialMovingAverage(3)], candle, slots));
    }

    private sealed class Hand
    {
        private readonly SimpleMovingAverage _slow = new(8);
        private readonly ExponentialMovingAverage _smooth = new(3);
        private readonly BollingerBands _bands = new(5, 2);
        private readonly AverageTrueRange _range = new(4);
        private readonly CrossoverSignal _up = new(0, 1);
        private readonly ThresholdSignal _wide = new(0, 1.5, upward: true);
        private readonly double[] _pair = new double[2];

        public Dictionary<string, double> Update(in Candle c)
        {
            _slow.Update(c.Close);
            if (_slow.IsReady) _smooth.Update(_slow.Value);
            _bands.Update(c.Hl2);
            _range.Update(c);
            _pair[0] = c.Close;
            _pair[1] = _smooth.Value;
            double up = _up.Evaluate(_pair);
            _pair[0] = _range.Value;
            double wide = _wide.Evaluate(_pair);
            return new()
            {
                ["slow"] = _slow.Value, ["smooth"] = _smooth.Value, ["bands"] = _bands[0], ["bands.middle"] = _bands[1],
                ["bands.lower"] = _bands[2], ["range"] = _range.Value, ["up"] = up, ["wide"] = wide, ["hl2"] = c.Hl2,
            };
        }
    }
}
