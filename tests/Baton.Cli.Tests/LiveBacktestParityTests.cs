using System.Text.Json;
using Baton.Components;
using Baton.Core.Market;
using Baton.Engine.Backtest;
using Baton.Engine.Compilation;
using Baton.Engine.Components;
using Baton.Engine.Data;
using Baton.Engine.Data.Synthetic;
using Baton.Engine.Events;
using Baton.Engine.Live;
using Baton.Engine.Live.Bus;
using Baton.Engine.Live.Journal;
using Baton.Engine.Live.Messages;
using Baton.Engine.Live.Sessions;
using Baton.Engine.Strategy;
using Baton.Engine.Trading;
using Baton.Sqlite;
using Baton.Yaml;
using Baton.Runs.Backtests;

namespace Baton.Cli.Tests;

/// <summary>N-for-N, the one-engine promise: a live session fed candles and signals from a backlog, with restarts, makes
/// the orders and fills a backtest of the same candles makes when the same signals come from an external component (a
/// Python script printing each signal stamped at the candle the live session applied it to), field by field.</summary>
public sealed class LiveBacktestParityTests : IDisposable
{
    private const int Bars = 60;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "baton-parity", Guid.NewGuid().ToString("N"));

    public LiveBacktestParityTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static int Direction(int i) => i % 3 == 2 ? -1 : 1;   // long, long, short ...: repeated longs test the position cap too

    private StrategyDefinition Strategy()
    {
        var lines = string.Join(",\n", Enumerable.Range(0, Bars).Select(i => $"    ({i}, {Direction(i)})"));
        File.WriteAllText(Path.Combine(_dir, "signal.py"), $$"""
            import json, os
            start, hour = 1704067200000, 3600000
            for i, d in [
            {{lines}}
            ]:
                print(json.dumps({"ts": start + i * hour, "symbol": "AAA", "signal": "ml", "direction": d}))
            """);
        string yaml = $$"""
            name: parity
            symbols: [AAA]
            timeframe: 1h
            data: { source: synthetic, bars: {{Bars}}, seed: 11, start: 2024-01-01, start_price: 100, volatility: 0.01 }
            dependencies:
              signals:
                - { id: ml, type: external, command: "python3 signal.py" }
            entry:
              - { when: ml.long, action: buy }
            exit:
              signals:
                - { when: ml.short, action: close }
            sizing: { type: quantity, value: 1 }
            execution: { fees: 0.1%, slippage: 5bps }
            """;
        string path = Path.Combine(_dir, "parity.yaml");
        File.WriteAllText(path, yaml);
        return StrategyLoader.Load(path);
    }

    private static async Task<Candle[]> CandlesOf(StrategyDefinition d)
    {
        var streams = await new SyntheticCandleSource(d.Data).OpenAsync(d.Symbols, d.Timeframe, TimeRange.All, CancellationToken.None);
        await using var stream = streams.Single();
        var buffer = new Candle[Bars + 1];
        int n = 0, read;
        while ((read = await stream.ReadAsync(buffer.AsMemory(n), CancellationToken.None)) > 0) n += read;
        Assert.Equal(Bars, n);
        return buffer[..n];
    }

    private static bool OrderOrFill(string json) =>
        json.StartsWith("{\"type\":\"order\"", StringComparison.Ordinal) || json.StartsWith("{\"type\":\"fill\"", StringComparison.Ordinal);

    /// <summary>Signal i then candle i, all published before the first session; sessions of 7-entry reads restarted every 13 inputs.</summary>
    private async Task<List<string>> LiveAsync(StrategyDefinition d, Candle[] candles)
    {
        var bus = new InProcessBus();
        for (int i = 0; i < Bars; i++)
        {
            await bus.PublishAsync(LiveStreams.Signals, LiveMessageWriter.Signal("model", i + 1, "s" + i, "AAA", "ml", Direction(i)), CancellationToken.None);
            await bus.PublishAsync(LiveStreams.Prices, LiveMessageWriter.Candle("feed", i + 1, "AAA", d.Timeframe, candles[i]), CancellationToken.None);
        }
        string journalPath = Path.Combine(_dir, "journal.db");
        for (int sessions = 0; bus.Unacknowledged > 0; sessions++)
        {
            Assert.True(sessions < 100, "the sessions stopped making progress");
            bus.Restart();
            await using var journal = new SqliteJournal(journalPath);
            await using var session = new LiveSession(StrategyCompiler.Compile(d),
                new LiveSessionOptions(bus, journal, new JournalHeader(d.Name, "parity.yaml", "parity", 0)) { MaxPriceAge = null, BatchSize = 7 });
            using var cts = new CancellationTokenSource();
            var run = session.RunAsync(cts.Token);
            while (session.Inputs < 13 * (sessions + 1) && bus.Unacknowledged > 0 && !run.IsCompleted) await Task.Delay(1);
            await cts.CancelAsync();
            await run;
        }
        await using var done = new SqliteJournal(journalPath);
        await done.OpenAsync(null, CancellationToken.None);
        var decisions = new List<string>();
        await foreach (var decision in done.ReadDecisionsAsync(CancellationToken.None)) if (OrderOrFill(decision.Event)) decisions.Add(decision.Event);
        return decisions;
    }

    [Fact]
    public async Task Live_from_a_backlog_with_restarts_makes_the_orders_and_fills_of_the_backtest_with_the_signals_as_a_component()
    {
        var d = Strategy();
        var live = await LiveAsync(d, await CandlesOf(d));
        var events = new EventLog();
        var host = new ComponentHost(new ComponentHostOptions { Limits = ComponentLimits.Default });
        await BacktestRun.RunAsync(new BacktestSpec(d, new SyntheticCandleSource(d.Data), TimeRange.All) { Events = events, Components = host },
            null, CancellationToken.None);
        var backtest = events.Events.Where(e => e is OrderStateChanged or OrderFilled).Select(e => JsonSerializer.Serialize(e, Formats.Json)).ToList();
        Assert.True(backtest.Count(e => e.StartsWith("{\"type\":\"fill\"", StringComparison.Ordinal)) >= 30, "too few trades to compare");
        Assert.Equal(backtest, live);
    }
}
