using Baton.Components.Live;
using Baton.Core.Market;
using Baton.Engine.Backtest;
using Baton.Engine.Compilation;
using Baton.Engine.Components;
using Baton.Engine.Data;
using Baton.Engine.Data.Synthetic;
using Baton.Engine.Strategy;
using Baton.Engine.Trading;

namespace Baton.Components.Tests;

/// <summary>Live mode, engine side: candles one at a time, each component answering before the engine sees the candle.
/// A causal component gives the same trades live (per-candle window or long-running stream) as in a backtest.</summary>
public sealed class LiveComponentsTests : IDisposable
{
    private readonly Harness _h = new();

    public void Dispose() => _h.Dispose();

    private StrategyDefinition Momentum(string live)
    {
        string script = Path.Combine(Harness.RepoRoot, "examples", "components", "momentum_signal.py");
        string yaml = $$"""
            name: live_test
            symbols: [AAA]
            timeframe: 1h
            data: { source: synthetic, bars: 60, seed: 3, start: 2024-01-01, start_price: 100, volatility: 0.01 }
            dependencies:
              signals:
                - { id: momentum, type: external, command: "python3 '{{script}}'", params: { lookback: 5, threshold: 0.01 }, {{live}} }
            entry:
              - { when: momentum.long, action: buy }
            exit:
              signals:
                - { when: momentum.short, action: close }
            sizing: { type: quantity, value: 1 }
            """;
        string path = Path.Combine(_h.Folder, "live.yaml");
        File.WriteAllText(path, yaml);
        return Yaml.StrategyLoader.Load(path);
    }

    internal static async Task<(BacktestResult Result, LiveComponents Live)> RunLiveAsync(StrategyDefinition d)
    {
        var compiled = StrategyCompiler.Compile(d);
        var events = new EventLog();
        var live = new LiveComponents(compiled, new ComponentHostOptions(), events);
        var engine = new TradingEngine(compiled, new EngineSinks(events), live.Feed);
        var candles = await Candles(d);
        try
        {
            foreach (var c in candles)
            {
                await live.OnCandleAsync(0, c, d.Timeframe, CancellationToken.None);
                engine.OnCandle(0, c);
            }
        }
        finally
        {
            await live.DisposeAsync();
        }
        engine.Finish();
        return (BacktestRunner.Result(engine, candles.Length, candles[0].OpenTime, candles[^1].OpenTime), live);
    }

    private static async Task<Candle[]> Candles(StrategyDefinition d)
    {
        var streams = await new SyntheticCandleSource(d.Data).OpenAsync(d.Symbols, d.Timeframe, TimeRange.All, CancellationToken.None);
        var buffer = new Candle[d.Data.Bars];
        int n = await streams[0].ReadAsync(buffer, CancellationToken.None);
        await streams[0].DisposeAsync();
        return buffer[..n];
    }

    private static string Fills(BacktestResult r) =>
        string.Join(';', r.Trades.Select(t => $"{t.EntryTime}@{t.EntryPrice}->{t.ExitTime}@{t.ExitPrice}"));

    [Theory]
    [InlineData("live: window, window: 8")]
    [InlineData("live: stream")]
    public async Task A_causal_component_trades_the_same_live_as_in_a_backtest(string live)
    {
        var d = Momentum(live);
        var (backtest, _) = await Harness.BacktestAsync(d);
        Assert.Equal(ComponentStatus.Ok, Harness.Single(backtest).Status);
        Assert.True(backtest.Trades.Count >= 2, $"the test needs trades; got {backtest.Trades.Count}");
        var (result, components) = await RunLiveAsync(d);
        var report = Assert.Single(components.Reports);
        Assert.Equal(ComponentStatus.Ok, report.Status);
        Assert.Equal(0, report.Warnings);
        Assert.Equal(Fills(backtest), Fills(result));
    }

    [Fact]
    public async Task A_stream_component_that_stops_answering_is_killed_and_detached()
    {
        string command = _h.Script("slow.py", """
            import sys, time
            for n, line in enumerate(sys.stdin):
                if n == 3:
                    time.sleep(300)
                print('{"ack": true}', flush=True)
            """);
        var d = _h.Strategy($"signals:\n  - {{ id: sig, type: external, command: \"{command}\", live: stream, timeout: 700ms }}", "sig");
        var (_, live) = await RunLiveAsync(d);
        var report = Assert.Single(live.Reports);
        Assert.Equal(ComponentStatus.Failed, report.Status);
        Assert.Equal("did not acknowledge the candle within 700ms; killed", report.Error);
    }

    [Fact]
    public async Task A_stream_component_that_crashes_fails_the_run_when_on_error_is_fail()
    {
        string command = _h.Script("crash.py", """
            import sys
            for n, line in enumerate(sys.stdin):
                if n == 2:
                    raise RuntimeError("model file missing")
                print('{"ack": true}', flush=True)
            """);
        var d = _h.Strategy($"indicators:\n  - {{ id: ext, type: external, command: \"{command}\", live: stream, on_error: fail }}", "ext > 0");
        var e = await Assert.ThrowsAsync<ComponentFailedException>(() => RunLiveAsync(d));
        Assert.StartsWith("component ext failed: exited with code 1; last stderr:", e.Message, StringComparison.Ordinal);
        Assert.Contains("RuntimeError: model file missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_window_component_gets_the_last_N_candles_and_only_its_newest_lines_count()
    {
        // Prints, for every candle in its window, the window's length: only the newest line is kept each time.
        string command = _h.Script("count.py", """
            import csv, os
            rows = list(csv.DictReader(open(os.environ["BATON_DATA_PATH"])))
            assert os.environ["BATON_MODE"] == "live" and os.environ["BATON_LIVE"] == "window"
            for r in rows:
                print('{"ts": "%s", "values": {"value": %d}}' % (r["timestamp"], len(rows)))
            """);
        var d = _h.Strategy($"indicators:\n  - {{ id: ext, type: external, command: \"{command}\", window: 3 }}", "ext == 3", bars: 6);
        var (result, live) = await RunLiveAsync(d);
        var report = Assert.Single(live.Reports);
        Assert.Equal(ComponentStatus.Ok, report.Status);
        Assert.Equal(1 + 2 + 3 + 3 + 3 + 3, report.Accepted);
        Assert.Equal(Harness.CloseOf(2), Assert.Single(result.Orders).CreatedAt);
    }
}
