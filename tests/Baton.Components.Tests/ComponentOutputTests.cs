using Baton.Engine.Components;
using Baton.Core.Orders;

namespace Baton.Components.Tests;

/// <summary>Values and signal events from real Python processes arrive in the slots and drive trades.</summary>
public sealed class ComponentOutputTests : IDisposable
{
    private readonly Harness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Indicator_values_drive_an_entry_on_the_candle_they_are_stamped_at()
    {
        string command = _h.Script("values.py", """
            import json
            S, H = 1704067200000, 3600000
            for i in range(40):
                print(json.dumps({"ts": S + i * H, "symbol": "AAA", "values": {"value": 1.0 if i == 10 else 0.0}}))
            """);
        var d = _h.Strategy($"indicators:\n  - {{ id: ext, type: external, command: \"{command}\" }}", "ext > 0.5");
        var (result, _) = await Harness.BacktestAsync(d);
        var report = Harness.Single(result);
        Assert.Equal(ComponentStatus.Ok, report.Status);
        Assert.Equal(40, report.Accepted);
        var order = Assert.Single(result.Orders);
        Assert.Equal(Harness.CloseOf(10), order.CreatedAt);
    }

    [Fact]
    public async Task Declared_outputs_are_read_as_id_and_id_output()
    {
        string command = _h.Script("bands.py", """
            import json
            S, H = 1704067200000, 3600000
            for i in range(40):
                print(json.dumps({"ts": S + i * H, "values": {"upper": i * 1.0, "lower": None if i < 5 else -i * 1.0}}))
            """);
        var d = _h.Strategy($"indicators:\n  - {{ id: band, type: external, command: \"{command}\", outputs: [upper, lower] }}",
            "band >= 20 and band.upper >= 20 and band.lower <= -20");
        var (result, _) = await Harness.BacktestAsync(d);
        Assert.Equal(ComponentStatus.Ok, Harness.Single(result).Status);
        Assert.Equal(Harness.CloseOf(20), Assert.Single(result.Orders).CreatedAt);
    }

    [Fact]
    public async Task Signal_events_open_and_close_trades()
    {
        string command = _h.Script("signal.py", """
            import json
            S, H = 1704067200000, 3600000
            for i, d in [(5, "long"), (15, "short"), (25, "long"), (30, "short")]:
                print(json.dumps({"ts": S + i * H, "symbol": "AAA", "signal": "sig", "direction": d, "strength": 0.5}))
            """);
        var d = _h.Strategy($"signals:\n  - {{ id: sig, type: external, command: \"{command}\" }}", "sig.long and sig.strength > 0.4",
            exit: "sig.short");
        var (result, _) = await Harness.BacktestAsync(d);
        Assert.Equal(4, Harness.Single(result).Accepted);
        Assert.Equal([Harness.CloseOf(5), Harness.CloseOf(25)], result.Trades.Select(t => t.EntryTime));
        Assert.Equal([Harness.CloseOf(15), Harness.CloseOf(30)], result.Trades.Select(t => t.ExitTime));
    }

    [Fact]
    public async Task A_signal_is_true_only_on_the_candle_it_fires()
    {
        string command = _h.Script("once.py", """
            print('{"ts": "2024-01-01T03:00:00Z", "symbol": "AAA", "signal": "sig"}')
            """);
        var d = _h.Strategy($"signals:\n  - {{ id: sig, type: external, command: \"{command}\" }}", "not sig");
        var (result, _) = await Harness.BacktestAsync(d);
        // "not sig" is true at candle 0 (signal slot 0, not NaN), the buy fills there; the position stays open.
        Assert.Equal(Harness.CloseOf(0), Assert.Single(result.Orders).CreatedAt);
    }

    [Fact]
    public async Task Events_go_to_their_symbol_only()
    {
        string command = _h.Script("bbb.py", """
            print('{"ts": 1704067200000, "symbol": "BBB", "signal": "sig", "direction": "long"}')
            """);
        var d = _h.Strategy($"signals:\n  - {{ id: sig, type: external, command: \"{command}\" }}", "sig.long", twoSymbols: true);
        var (result, _) = await Harness.BacktestAsync(d);
        var order = Assert.Single(result.Orders);
        Assert.Equal(1, order.Symbol);
        Assert.Equal(OrderState.Filled, order.State);
    }

    [Fact]
    public async Task A_built_in_indicator_and_a_signal_can_read_an_external_output()
    {
        string command = _h.Script("ramp.py", """
            import json
            S, H = 1704067200000, 3600000
            for i in range(40):
                print(json.dumps({"ts": S + i * H, "values": {"value": float(i)}}))
            """);
        var d = _h.Strategy($$"""
            indicators:
              - { id: ext, type: external, command: "{{command}}" }
              - { id: smooth, type: sma, period: 3, source: ext }
            signals:
              - { id: up, type: threshold, input: smooth, level: 20, direction: above }
            """, "up");
        var (result, _) = await Harness.BacktestAsync(d);
        // sma(3) of 0,1,2,... crosses 20 when it reaches 20 < x: at candle 22 the mean of 20,21,22 is 21 (at 21 it is exactly 20).
        Assert.Equal(Harness.CloseOf(22), Assert.Single(result.Orders).CreatedAt);
    }

    [Fact]
    public async Task The_component_gets_the_protocol_environment_and_a_window_file_that_is_deleted_after()
    {
        string command = _h.Script("env.py", """
            import json, os
            env = {k: v for k, v in os.environ.items() if k.startswith("BATON_")}
            env["cwd"] = os.getcwd()
            env["window_lines"] = open(env["BATON_DATA_PATH"]).read().splitlines()[:2] + [str(sum(1 for _ in open(env["BATON_DATA_PATH"])))]
            json.dump(env, open("env.json", "w"))
            print('{"ts": 1704067200000, "symbol": "AAA", "values": {"value": 1}}')
            """);
        var d = _h.Strategy($"indicators:\n  - {{ id: ext, type: external, command: \"{command}\", params: {{ period: 14, name: x, on: true, list: [1, a] }} }}",
            "ext > 0", bars: 30, twoSymbols: true);
        await Harness.BacktestAsync(d);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(_h.Folder, "env.json")));
        var env = json.RootElement;
        string S(string name) => env.GetProperty(name).ToString();
        Assert.Equal("ext", S("BATON_COMPONENT_ID"));
        Assert.Equal("indicator", S("BATON_COMPONENT_TYPE"));
        Assert.Equal("backtest", S("BATON_MODE"));
        Assert.Equal("AAA,BBB", S("BATON_SYMBOLS"));
        Assert.Equal("1h", S("BATON_TIMEFRAME"));
        Assert.Equal("3600000", S("BATON_TIMEFRAME_MS"));
        Assert.Equal("2024-01-01T00:00:00Z", S("BATON_FROM"));
        Assert.Equal("2024-01-02T05:00:00Z", S("BATON_TO"));
        Assert.Equal("window", S("BATON_DATA_SOURCE"));
        Assert.Equal("""{"period":14,"name":"x","on":true,"list":[1,"a"]}""", S("BATON_PARAMS"));
        Assert.Equal("value", S("BATON_OUTPUTS"));
        Assert.Equal(Path.GetFullPath(_h.Folder), S("cwd"));
        var window = env.GetProperty("window_lines");
        Assert.Equal("symbol,timestamp,open,high,low,close,volume", window[0].GetString());
        Assert.StartsWith("AAA,2024-01-01T00:00:00Z,", window[1].GetString(), StringComparison.Ordinal);
        Assert.Equal("61", window[2].GetString());
        Assert.False(Directory.Exists(Path.GetDirectoryName(S("BATON_DATA_PATH"))));
    }

    [Fact]
    public async Task Metrics_json_has_a_components_section_and_events_the_messages()
    {
        string command = _h.Script("warn.py", """
            import sys
            print("hello from stderr", file=sys.stderr)
            print("oops")
            print('{"ts": 1704067200000, "values": {"value": 1}}')
            """);
        var d = _h.Strategy($"indicators:\n  - {{ id: ext, type: external, command: \"{command}\" }}", "ext > 0");
        string output = Path.Combine(_h.Folder, "out");
        await Harness.BacktestAsync(d, outputDirectory: output);
        using var metrics = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        var c = metrics.RootElement.GetProperty("components")[0];
        Assert.Equal("ext", c.GetProperty("id").GetString());
        Assert.Equal("ok", c.GetProperty("status").GetString());
        Assert.Equal(1, c.GetProperty("warnings").GetInt32());
        Assert.Equal(1, c.GetProperty("stderr_lines").GetInt32());
        Assert.Equal(1, c.GetProperty("accepted").GetInt32());
        string events = File.ReadAllText(Path.Combine(output, "events.jsonl"));
        Assert.Contains("\"level\":\"warning\",\"message\":\"component ext: stdout line 1: malformed JSON", events, StringComparison.Ordinal);
        Assert.Contains("\"level\":\"stderr\",\"message\":\"component ext: hello from stderr\"", events, StringComparison.Ordinal);
    }
}
