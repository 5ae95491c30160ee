using Baton.Engine.Components;
using Baton.Engine.Compilation;
using Baton.Engine.Strategy;
using Baton.Yaml;

namespace Baton.Components.Tests;

/// <summary>A component's output can never be seen before the close of the candle it is stamped at.</summary>
public sealed class LookAheadTests : IDisposable
{
    private readonly Harness _h = new();

    public void Dispose() => _h.Dispose();

    [Theory]
    [InlineData("1704103200000", 10)]                 // exactly candle 10's open time (epoch ms)
    [InlineData("\"2024-01-01T10:00:00Z\"", 10)]      // the same as ISO text
    [InlineData("1704103200", 10)]                    // the same in epoch seconds
    [InlineData("1704101400000", 10)]                 // half-way through candle 9: waits for candle 10
    [InlineData("1704103200001", 11)]                 // a millisecond after candle 10 opened: candle 11
    [InlineData("1704000000000", 0)]                  // before the first candle: the first candle
    public async Task A_value_is_first_visible_at_the_close_of_the_first_candle_at_or_after_its_stamp(string ts, int candle)
    {
        string command = _h.Script("one.py", "print('{\"ts\": " + ts + ", \"values\": {\"value\": 1}}')\n");
        var d = _h.Strategy($"indicators:\n  - {{ id: ext, type: external, command: \"{command}\" }}", "ext == 1");
        var (result, _) = await Harness.BacktestAsync(d);
        Assert.Equal(Harness.CloseOf(candle), Assert.Single(result.Orders).CreatedAt);
    }

    [Fact]
    public async Task A_value_stamped_at_candle_t_is_not_visible_at_the_close_of_t_minus_1()
    {
        // The component "knows" candle 20 will spike and stamps a value there; the rule would act on it at once.
        string command = _h.Script("peek.py", """
            import json
            S, H = 1704067200000, 3600000
            for i in range(40):
                print(json.dumps({"ts": S + i * H, "values": {"value": i}}))
            """);
        var d = _h.Strategy($"indicators:\n  - {{ id: ext, type: external, command: \"{command}\" }}", "ext >= 20");
        var (result, _) = await Harness.BacktestAsync(d);
        var order = Assert.Single(result.Orders);
        Assert.Equal(Harness.CloseOf(20), order.CreatedAt);
        Assert.True(order.CreatedAt > Harness.CloseOf(19));
    }

    [Fact]
    public void The_series_cursor_applies_nothing_before_the_stamp_and_carries_the_latest_value_forward()
    {
        var compiled = Compile("""
            - { id: ext, type: external, command: x }
            """);
        var component = compiled.Components[0];
        var series = new ComponentSeries(component);
        series.AddValues(30, [3.0]);
        series.AddValues(10, [1.0]);
        series.AddValues(20, [2.0]);
        series.AddValues(20, [2.5]);   // same stamp, later line: wins
        series.SortByTime();
        var slots = new double[compiled.Layout.Count];
        Array.Fill(slots, double.NaN);
        double At(long openTime)
        {
            series.Apply(openTime, slots);
            return slots[component.FirstSlot];
        }
        Assert.True(double.IsNaN(At(9)));
        Assert.Equal(1.0, At(10));
        Assert.Equal(1.0, At(15));   // carried forward
        Assert.Equal(2.5, At(25));
        Assert.Equal(3.0, At(40));
    }

    [Fact]
    public void Signal_slots_are_reset_every_candle_and_set_by_the_events_due()
    {
        var compiled = Compile("""
            - { id: sig, type: external, command: x, outputs: [exit] }
            """, signals: true);
        var c = compiled.Components[0];
        var series = new ComponentSeries(c);
        series.AddEvent(10, -1, 1, 0.7);
        series.AddEvent(10, 0, -1, 0.2);
        var slots = new double[compiled.Layout.Count];
        int Slot(string name) => compiled.Layout.Resolve(name);
        series.Apply(5, slots);
        Assert.All(new[] { "sig", "sig.long", "sig.short", "sig.direction", "sig.strength", "sig.exit" }, n => Assert.Equal(0, slots[Slot(n)]));
        series.Apply(10, slots);
        Assert.Equal(1, slots[Slot("sig")]);
        Assert.Equal(1, slots[Slot("sig.long")]);
        Assert.Equal(1, slots[Slot("sig.short")]);
        Assert.Equal(-1, slots[Slot("sig.direction")]);   // the last event's
        Assert.Equal(0.2, slots[Slot("sig.strength")]);
        Assert.Equal(1, slots[Slot("sig.exit")]);
        series.Apply(11, slots);
        Assert.Equal(0, slots[Slot("sig")]);
        Assert.Equal(0, slots[Slot("sig.exit")]);
    }

    [Fact]
    public void A_detached_component_reads_NaN_from_the_next_candle_on()
    {
        var compiled = Compile("- { id: ext, type: external, command: x }");
        var feed = new ComponentFeed(compiled.Components, 1);
        var series = feed.CreateSeries(0);
        series[0].AddValues(0, [5.0]);
        feed.Attach(0, series);
        var slots = new double[compiled.Layout.Count];
        feed.Apply(0, 0, slots);
        Assert.Equal(5.0, slots[compiled.Components[0].FirstSlot]);
        feed.Detach(0);
        feed.Apply(0, 1, slots);
        Assert.True(double.IsNaN(slots[compiled.Components[0].FirstSlot]));
    }

    private static CompiledStrategy Compile(string components, bool signals = false)
    {
        string list = string.Join('\n', components.Trim().Split('\n').Select(l => "    " + l));
        string yaml = $$"""
            name: t
            symbols: [AAA]
            timeframe: 1h
            dependencies:
              {{(signals ? "signals" : "indicators")}}:
            {{list}}
            entry:
              - { when: "{{(signals ? "sig" : "ext")}} > 0", action: buy }
            """;
        return StrategyCompiler.Compile(StrategyLoader.LoadFromText(yaml, "t.yaml"));
    }
}
