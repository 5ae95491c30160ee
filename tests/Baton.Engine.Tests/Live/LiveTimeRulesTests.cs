using System.Text.Json;
using Baton.Core.Market;
using Baton.Core.Portfolio;
using Baton.Engine.Events;
using Baton.Engine.Live;
using Baton.Engine.Live.Messages;
using Baton.Engine.Live.Sessions;
using Baton.Engine.Strategy;
using Baton.Engine.Tests.Trading;

namespace Baton.Engine.Tests.Live;

/// <summary>Time rules and finite numbers on a whole session (in process): a candle stamped far ahead, a correction, an
/// input that would overflow the ledger are dead-lettered with their reason, and trading goes on.</summary>
public sealed class LiveTimeRulesTests
{
    private static readonly long Year2043 = new DateTimeOffset(2043, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static async Task PublishDays(SessionHarness h, int from, int to)
    {
        var candles = LiveStrategies.Rising(to);
        for (int i = from; i < to; i++) await h.Publish(LiveStreams.Prices, LiveStrategies.Candle(i + 1, candles[i]));
    }

    private static List<string> Reasons(SessionHarness h, string stream) =>
        [.. h.Bus.Entries(LiveStreams.DeadLetter(stream)).Select(d => JsonDocument.Parse(d!).RootElement.GetProperty("reason").GetString()!)];

    [Fact]
    public async Task Far_future_candle_is_dead_lettered_and_later_candles_still_trade()
    {
        var h = new SessionHarness(LiveStrategies.Signalled());
        await PublishDays(h, 0, 1);
        string future = await h.Publish(LiveStreams.Prices, LiveStrategies.Candle(50, new Candle(Year2043, 100, 101, 99, 100, 10)));
        await h.Publish(LiveStreams.Signals, LiveStrategies.Signal(1, 1));
        await PublishDays(h, 1, 3);
        var session = await h.RunUntilDrained();
        Assert.Equal(1, session.DeadLettered);
        string reason = Assert.Single(Reasons(h, LiveStreams.Prices));
        Assert.StartsWith($"prices:live {future}: ts: candle of A closes at 2043-01-02T00:00:00Z, more than 60s after the clock", reason, StringComparison.Ordinal);
        Assert.Contains("--max-future", reason, StringComparison.Ordinal);
        Assert.Equal(PortfolioState.PositionOpen, session.Engine.Portfolio.State);
        Assert.Equal(2 * TestStrategies.Day + TestStrategies.Day, session.Engine.Time);
        Assert.Equal(reason, Assert.Single(h.Journal.Inputs, i => i.EntryId == future).Rejected);   // journaled as refused, never applied
    }

    [Fact]
    public async Task Far_future_candle_is_applied_when_the_tolerance_is_off()
    {
        var h = new SessionHarness(LiveStrategies.Signalled()) { MaxFuture = null };
        await PublishDays(h, 0, 1);
        await h.Publish(LiveStreams.Prices, LiveStrategies.Candle(50, new Candle(Year2043, 100, 101, 99, 100, 10)));
        var session = await h.RunUntilDrained();
        Assert.Equal(0, session.DeadLettered);
        Assert.Equal(Year2043 + TestStrategies.Day, session.Engine.Time);
    }

    [Fact]
    public async Task Correction_is_reported_with_both_closes_and_not_applied_an_identical_resend_is_silent()
    {
        var h = new SessionHarness(LiveStrategies.Signalled());
        var c = LiveStrategies.Rising(2);
        await PublishDays(h, 0, 2);
        string corrected = await h.Publish(LiveStreams.Prices, LiveStrategies.Candle(3, c[1] with { Close = 100.5 }));
        await h.Publish(LiveStreams.Prices, LiveStrategies.Candle(4, c[1]));
        var session = await h.RunUntilDrained();
        Assert.Equal((1, 1), (session.DeadLettered, session.Duplicates));
        string reason = Assert.Single(Reasons(h, LiveStreams.Prices));
        Assert.Equal($"prices:live {corrected}: correction: candle of A at {TestStrategies.Day} was applied with close 101, this one has close 100.5 " +
            "(or other prices): not applied, the decisions made on the first one stand", reason);
        Assert.Contains(h.Events, e => e is MessageLogged { Level: Severity.Warning } l && l.Message.Contains("correction: candle of A", StringComparison.Ordinal));
        Assert.Equal(101, session.Engine.Portfolio.LastPrice(0));
        await h.Publish(LiveStreams.Prices, LiveStrategies.Candle(5, c[1] with { Volume = 7 }));   // after a restart too
        var restarted = await h.RunUntilDrained();
        Assert.Equal(1, restarted.DeadLettered);
        Assert.Contains("correction: candle of A", Reasons(h, LiveStreams.Prices)[1], StringComparison.Ordinal);
    }

    /// <summary>Buys with all its equity: at a price of 1e-8 that is 1e22 units, whose sale at a price of 1e12 (both within
    /// a candle's bounds) would bring 1e34, past decimal's range.</summary>
    private static StrategyDefinition AllIn() => LiveStrategies.Signalled() with
    {
        InitialCash = 100_000_000_000_000m,
        Sizing = new SizingSpec { Kind = SizingKind.EquityFraction, Value = 1 },
    };

    private static Candle Flat(int day, double price, double volume) => new(day * TestStrategies.Day, price, price, price, price, volume);

    [Fact]
    public async Task Input_that_would_overflow_the_ledger_is_dead_lettered_and_leaves_the_engine_as_before_it()
    {
        var h = new SessionHarness(AllIn());
        await h.Publish(LiveStreams.Prices, LiveStrategies.Candle(1, Flat(0, 1e-8, 1e18)));
        await h.RunUntilDrained();   // one run per step: a read of several streams applies signals before candles
        await h.Publish(LiveStreams.Signals, LiveStrategies.Signal(1, 1));
        await h.RunUntilDrained();
        await h.Publish(LiveStreams.Prices, LiveStrategies.Candle(2, Flat(1, 1e-8, 1e18)));
        await h.Publish(LiveStreams.Prices, LiveStrategies.Candle(3, Flat(2, 1e-8, 1e18)));   // the buy fills
        await h.RunUntilDrained();
        await h.Publish(LiveStreams.Signals, LiveStrategies.Signal(2, -1));
        await h.RunUntilDrained();
        await h.Publish(LiveStreams.Prices, LiveStrategies.Candle(4, Flat(3, 1e12, 1e18)));   // decides to sell at the next open
        var before = await h.RunUntilDrained();
        Assert.Equal(PortfolioState.PositionOpen, before.Engine.Portfolio.State);
        string portfolio = JsonSerializer.Serialize<EngineEvent>(before.Engine.Snapshot(), Formats.Json);
        string huge = await h.Publish(LiveStreams.Prices, LiveStrategies.Candle(5, Flat(4, 1e12, 1e18)));   // the sale: 1e34
        await h.Publish(LiveStreams.Signals, LiveStrategies.Signal(3, 0, id: "after"));
        var session = await h.RunUntilDrained();
        Assert.Equal(1, session.DeadLettered);
        string reason = Assert.Single(Reasons(h, LiveStreams.Prices));
        Assert.StartsWith($"prices:live {huge}: an amount would pass the ledger's exact range", reason, StringComparison.Ordinal);
        Assert.Equal(portfolio, JsonSerializer.Serialize<EngineEvent>(session.Engine.Snapshot(), Formats.Json));
        Assert.Equal(7, h.Journal.Inputs.Count(i => i.Rejected is null));
        Assert.Equal(reason, Assert.Single(h.Journal.Inputs, i => i.EntryId == huge).Rejected);   // journaled as refused, never applied
        await h.Publish(LiveStreams.Prices, LiveStrategies.Candle(6, Flat(4, 2e-8, 1e18)));   // the same bar within range: the sale fills
        var after = await h.RunUntilDrained();
        Assert.Equal(8, h.Journal.Inputs.Count(i => i.Rejected is null));
        Assert.Equal(PortfolioState.Trading, after.Engine.Portfolio.State);
    }

    [Fact]
    public async Task Every_hostile_number_is_dead_lettered_with_its_field_while_trading_goes_on()
    {
        var h = new SessionHarness(LiveStrategies.Signalled());
        var rows = LiveMessageParserTests.HostileNumbers().Select(r => ((string)r[0], (string)r[1], (string)r[2])).ToList();
        var expected = new List<string>();
        await PublishDays(h, 0, 1);
        await h.RunUntilDrained();
        foreach (var (stream, json, problem) in rows) expected.Add($"{stream} {await h.Publish(stream, json)}: {problem}");
        await h.Publish(LiveStreams.Signals, LiveStrategies.Signal(1, 1));
        await h.RunUntilDrained();
        await PublishDays(h, 1, 3);
        var session = await h.RunUntilDrained();
        var reasons = new[] { LiveStreams.Prices, LiveStreams.Signals, LiveStreams.Control }.SelectMany(s => Reasons(h, s)).ToList();
        Assert.Equal(rows.Count, reasons.Count);
        foreach (string e in expected) Assert.Contains(reasons, r => r.StartsWith(e, StringComparison.Ordinal));
        Assert.Equal(PortfolioState.PositionOpen, session.Engine.Portfolio.State);
    }

    [Fact]
    public async Task Skew_bound_is_kept_by_the_journal_over_another_option_at_restart()
    {
        var h = new SessionHarness(LiveStrategies.Signalled("A", "B")) { MaxSkewBars = 3 };
        await PublishDays(h, 0, 2);
        await h.RunUntilDrained();
        Assert.Equal(3, (await h.Journal.OpenAsync(null, CancellationToken.None)).MaxSkewBars);
        var log = new List<string>();
        await using var other = new LiveSession(LiveStrategies.Compile(LiveStrategies.Signalled("A", "B")),
            new LiveSessionOptions(h.Bus, h.Journal, LiveStrategies.Header(LiveStrategies.Signalled("A", "B"))) { MaxSkewBars = 0, Log = log.Add });
        using var cts = new CancellationTokenSource();
        var run = other.RunAsync(cts.Token);
        while (other.Inputs < 2 && !run.IsCompleted) await Task.Delay(5);
        await cts.CancelAsync();
        await run;
        Assert.Equal((3, 2), (other.Engine.MaxSkewBars, other.Engine.Held));   // A's two candles still wait for B, as journaled
        Assert.Contains(log, l => l.StartsWith("the journal was started with --max-skew 3 (0: before the option existed): it keeps that bound, not 0",
            StringComparison.Ordinal));
    }
}
