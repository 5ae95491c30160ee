using Baton.Core.Orders;
using Baton.Core.Portfolio;
using Baton.Engine.Events;
using Baton.Engine.Live;
using Baton.Engine.Live.Bus;
using Baton.Engine.Live.Journal;
using Baton.Engine.Live.Messages;
using Baton.Engine.Strategy;

namespace Baton.Engine.Tests.Live;

public sealed class LiveSessionTests
{
    private static async Task PublishDays(SessionHarness h, int from, int to, long seqBase = 0)
    {
        var candles = LiveStrategies.Rising(to);
        for (int i = from; i < to; i++) await h.Publish(LiveStreams.Prices, LiveStrategies.Candle(seqBase + i + 1, candles[i]));
    }

    [Fact]
    public async Task Signal_to_order_to_fill_to_portfolio_update_in_process()
    {
        var h = new SessionHarness(LiveStrategies.Signalled());
        await PublishDays(h, 0, 1);
        await h.Publish(LiveStreams.Signals, LiveStrategies.Signal(1, 1));
        await PublishDays(h, 1, 3);
        var session = await h.RunUntilDrained();
        var kinds = h.Events.Where(e => e is OrderStateChanged { State: OrderState.Submitted } or OrderFilled or PortfolioUpdated { State: PortfolioState.PositionOpen })
            .Select(e => e.GetType().Name).Distinct().ToList();
        Assert.Equal(["OrderStateChanged", "OrderFilled", "PortfolioUpdated"], kinds);
        Assert.Equal(PortfolioState.PositionOpen, session.Engine.Portfolio.State);
        Assert.Contains(h.Bus.Entries(LiveStreams.Events), json => json!.StartsWith("{\"type\":\"fill\"", StringComparison.Ordinal));
        Assert.Equal(4, h.Journal.Inputs.Count);
    }

    [Fact]
    public async Task Re_sent_and_redelivered_signals_have_no_second_effect()
    {
        var h = new SessionHarness(LiveStrategies.Signalled());
        await PublishDays(h, 0, 1);
        await h.Publish(LiveStreams.Signals, LiveStrategies.Signal(1, 1, id: "same"));
        await h.Publish(LiveStreams.Signals, LiveStrategies.Signal(2, 1, id: "same"));
        var first = await h.RunUntilDrained();
        Assert.Equal(1, first.Duplicates);
        await h.Publish(LiveStreams.Signals, LiveStrategies.Signal(1, 1, id: "same"));
        var second = await h.RunUntilDrained();
        Assert.Equal(1, second.Duplicates);
        Assert.Single(h.Journal.Inputs, i => i.Key == "signal/model/same");
    }

    [Fact]
    public async Task Invalid_entry_is_dead_lettered_with_its_reason_while_the_rest_flows()
    {
        var h = new SessionHarness(LiveStrategies.Signalled());
        await PublishDays(h, 0, 1);
        string bad = await h.Publish(LiveStreams.Signals, """{"v":1,"type":"signal","producer":"model","seq":1,"id":"x","symbol":"A","signal":"ml","direction":9}""");
        await h.Publish(LiveStreams.Signals, LiveMessageWriter.Signal("model", 2, "y", "NOPE", "ml", 1));
        await PublishDays(h, 1, 3);
        var session = await h.RunUntilDrained();
        Assert.Equal(2, session.DeadLettered);
        var reasons = h.Bus.Entries(LiveStreams.DeadLetter(LiveStreams.Signals))
            .Select(d => System.Text.Json.JsonDocument.Parse(d!).RootElement.GetProperty("reason").GetString()).ToList();
        Assert.Contains($"signals:live {bad}: direction: expected -1, 0 or 1, got 9", reasons);
        Assert.Contains(reasons, r => r!.EndsWith("symbol: expected one of the strategy's symbols (A), got \"NOPE\"", StringComparison.Ordinal));
        Assert.Equal(3, h.Journal.Inputs.Count(i => i.Rejected is null));
        // each refusal is journaled once, as a rejected input in the order of inputs, with its reason
        Assert.Equal(reasons, h.Journal.Inputs.Where(i => i.Rejected is not null).Select(i => i.Rejected));
        Assert.Contains(h.Journal.Inputs, i => i.Key == "rejected/signals:live/" + bad);
    }

    [Fact]
    public async Task Restart_rebuilds_the_state_from_the_journal_before_the_first_message()
    {
        var h = new SessionHarness(LiveStrategies.Signalled());
        await PublishDays(h, 0, 1);
        await h.Publish(LiveStreams.Signals, LiveStrategies.Signal(1, 1));
        await PublishDays(h, 1, 4);
        var before = await h.RunUntilDrained();
        double equity = before.Engine.Portfolio.Equity;
        var restarted = h.NewSession();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await restarted.RunAsync(cts.Token);
        Assert.Equal(PortfolioState.PositionOpen, restarted.Engine.Portfolio.State);
        Assert.Equal(equity, restarted.Engine.Portfolio.Equity);
        Assert.Equal(5, restarted.Inputs);
    }

    [Fact]
    public async Task Halt_after_a_breach_survives_a_restart()
    {
        var d = LiveStrategies.Signalled() with { Risk = new RiskSpec { MaxDrawdown = 0.0001 }, Sizing = new SizingSpec { Kind = SizingKind.Quantity, Value = 50 } };
        var h = new SessionHarness(d);
        var candles = Baton.Engine.Tests.Trading.TestStrategies.FromCloses(100, 100, 100, 60, 50, 40);
        await h.Publish(LiveStreams.Prices, LiveStrategies.Candle(1, candles[0]));
        await h.Publish(LiveStreams.Signals, LiveStrategies.Signal(1, 1));
        for (int i = 1; i < candles.Length; i++) await h.Publish(LiveStreams.Prices, LiveStrategies.Candle(i + 1, candles[i]));
        var first = await h.RunUntilDrained();
        Assert.Equal(PortfolioState.Stopped, first.Engine.Portfolio.State);
        Assert.Contains(h.Events, e => e is TradingStopped);
        var restarted = h.NewSession();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await restarted.RunAsync(cts.Token);
        Assert.Equal(PortfolioState.Stopped, restarted.Engine.Portfolio.State);
    }

    [Fact]
    public async Task Stop_is_journaled_and_survives_a_restart()
    {
        var h = new SessionHarness(LiveStrategies.Signalled());
        await PublishDays(h, 0, 2);
        var session = await h.RunUntilDrained(s => s.StopAsync("desk closed"));
        Assert.Equal(PortfolioState.Stopped, session.Engine.Portfolio.State);
        Assert.Contains(h.Events, e => e is TradingStopped { Reason: "desk closed" });
        var restarted = await h.RunUntilDrained();
        Assert.Equal(PortfolioState.Stopped, restarted.Engine.Portfolio.State);
    }

    [Fact]
    public async Task Entry_delivered_more_than_the_maximum_is_dead_lettered()
    {
        var h = new SessionHarness(LiveStrategies.Signalled()) { MaxDeliveries = 2 };
        await PublishDays(h, 0, 1);
        for (int i = 0; i < 3; i++)
        {
            h.Bus.Restart();
            await h.Bus.ReadAsync(10, CancellationToken.None);   // a consumer that dies before acknowledging, three times
        }
        var session = await h.RunUntilDrained();
        Assert.Equal(1, session.DeadLettered);
        Assert.Contains(h.Bus.Entries("prices:dead"), d => d!.Contains("delivered 4 times without being applied (max 2)", StringComparison.Ordinal));
        Assert.Contains("delivered 4 times", Assert.Single(h.Journal.Inputs).Rejected, StringComparison.Ordinal);   // decided once, journaled
    }

    [Fact]
    public async Task Gap_in_a_producer_s_sequence_is_reported()
    {
        var h = new SessionHarness(LiveStrategies.Signalled());
        await PublishDays(h, 0, 1);
        await h.Publish(LiveStreams.Signals, LiveStrategies.Signal(1, 1));
        await h.Publish(LiveStreams.Signals, LiveStrategies.Signal(5, 1));
        var session = await h.RunUntilDrained();
        Assert.Equal(3, session.MissingBySequence);
        Assert.Contains(h.Events, e => e is MessageLogged { Level: Severity.Warning } l && l.Message.Contains("producer model jumped from seq 1 to 5 (3 missing)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Failed_commit_acknowledges_nothing()
    {
        var h = new SessionHarness(LiveStrategies.Signalled());
        await PublishDays(h, 0, 3);
        h.Journal.FailNextCommit = true;
        var session = h.NewSession();
        await Assert.ThrowsAsync<IOException>(() => session.RunAsync(CancellationToken.None));
        Assert.Equal(3, h.Bus.Unacknowledged);
        await h.RunUntilDrained();
        Assert.Equal(3, h.Journal.Inputs.Count);
    }

    [Fact]
    public async Task Replay_of_the_journal_is_identical_and_a_changed_decision_is_found()
    {
        var h = new SessionHarness(LiveStrategies.Signalled());
        await PublishDays(h, 0, 1);
        await h.Publish(LiveStreams.Signals, LiveStrategies.Signal(1, 1));
        await PublishDays(h, 1, 4);
        await h.Publish(LiveStreams.Signals, LiveStrategies.Signal(2, -1));
        await PublishDays(h, 4, 7);
        await h.RunUntilDrained();
        var compiled = LiveStrategies.Compile(LiveStrategies.Signalled());
        var same = await JournalReplay.RunAsync(h.Journal, compiled, 0, CancellationToken.None);
        Assert.True(same.Identical);
        Assert.True(same.Decisions > 10);
        int i = h.Journal.Decisions.FindIndex(d => d.Event.Contains("\"type\":\"fill\"", StringComparison.Ordinal));
        h.Journal.Decisions[i] = h.Journal.Decisions[i] with { Event = h.Journal.Decisions[i].Event.Replace("\"fee\":", "\"fee\":1", StringComparison.Ordinal) };
        var changed = await JournalReplay.RunAsync(h.Journal, compiled, 0, CancellationToken.None);
        Assert.False(changed.Identical);
        Assert.Equal(1, changed.DifferenceCount);
    }
}
