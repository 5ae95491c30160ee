using Baton.Core.Market;
using Baton.Engine.Compilation;
using Baton.Engine.Live;
using Baton.Engine.Live.Bus;
using Baton.Engine.Live.Journal;
using Baton.Engine.Live.Messages;
using Baton.Engine.Live.Sessions;
using Baton.Sqlite;
using Baton.Web.Live;
using Baton.Yaml;

namespace Baton.Web.Tests;

/// <summary>
/// <see cref="InProcessLiveFeed"/> over a real <see cref="Engine.Live.Sessions.LiveSession"/> (in-process bus, SQLite journal):
/// a subscriber's first update is the portfolio as it is now, working orders included; a stop is decided by the
/// engine and reported; the session's end ends the subscriptions.
/// </summary>
public sealed class InProcessLiveFeedTests : IAsyncLifetime
{
    private const string Strategy = """
        name: always_in
        symbols: [BTCUSDT]
        timeframe: 1h
        initial_cash: 10000
        data: { source: synthetic, bars: 10 }
        entry:
          - when: close > 0
            action: buy
        execution: { fill: next_open }
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "baton-web-tests", Guid.NewGuid().ToString("N"));
    private readonly InProcessBus _bus = new();
    private readonly SqliteJournal _journal;
    private readonly Engine.Live.Sessions.LiveSession _session;
    private readonly InProcessLiveFeed _feed;
    private readonly Engine.Strategy.StrategyDefinition _definition;
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(30));

    public InProcessLiveFeedTests()
    {
        Directory.CreateDirectory(_folder);
        var definition = _definition = StrategyLoader.LoadFromText(Strategy, "always_in.yaml");
        _journal = new SqliteJournal(Path.Combine(_folder, "journal.db"));
        _session = new Engine.Live.Sessions.LiveSession(StrategyCompiler.Compile(definition),
            new LiveSessionOptions(_bus, _journal, new JournalHeader(definition.Name, "always_in.yaml", Strategy, 0)) { MaxPriceAge = null });
        _feed = new InProcessLiveFeed(_session, "always-in", definition.Name, definition.Symbols);
    }

    [Fact]
    public async Task A_subscriber_first_gets_the_portfolio_now_and_a_stop_is_reported_with_its_reason()
    {
        using var running = new CancellationTokenSource();
        var run = _session.RunAsync(running.Token);
        await using var first = _feed.SubscribeAsync("always-in", _stop.Token).GetAsyncEnumerator();
        await _bus.PublishAsync(LiveStreams.Prices, LiveMessageWriter.Candle("feed", 1, "BTCUSDT", _definition.Timeframe,
            new Candle(1_704_067_200_000, 100, 101, 99, 100, 10)), _stop.Token);
        await NextAsync(first, u => u.Type == "order" && u.Data.GetProperty("state").GetString() == "submitted");
        var after = await NextAsync(first, u => u.Type == "portfolio_update");
        Assert.True(after.Time >= 1_704_067_200_000, $"portfolio_update at {after.Time}");

        await using var second = _feed.SubscribeAsync("always-in", _stop.Token).GetAsyncEnumerator();
        var snapshot = await NextAsync(second, _ => true);
        Assert.Equal("portfolio_update", snapshot.Type);
        Assert.Equal(after.Data.GetRawText(), snapshot.Data.GetRawText());
        Assert.Equal(10_000m, snapshot.Data.GetProperty("cash").GetDecimal());
        var order = Assert.Single(snapshot.Data.GetProperty("working_orders").EnumerateArray().ToList());
        Assert.Equal(("BTCUSDT", "buy", "entry", "submitted"), (order.GetProperty("symbol").GetString(), order.GetProperty("side").GetString(),
            order.GetProperty("intent").GetString(), order.GetProperty("state").GetString()));
        Assert.NotEqual("Stopped", Assert.Single(_feed.Sessions()).State);

        Assert.True(await _feed.StopAsync("always-in", "desk closed", _stop.Token));
        var stopped = await NextAsync(second, u => u.Type == "stopped");
        Assert.Equal("desk closed", stopped.Data.GetProperty("reason").GetString());
        var last = await NextAsync(second, u => u.Type == "portfolio_update");
        Assert.Equal("stopped", last.Data.GetProperty("state").GetString());
        Assert.Empty(last.Data.GetProperty("working_orders").EnumerateArray());
        Assert.Equal(new Web.Live.LiveSession("always-in", "always_in", "Stopped", "desk closed"), Assert.Single(_feed.Sessions()));
        Assert.False(await _feed.StopAsync("always-in", "again", _stop.Token));
        Assert.False(await _feed.StopAsync("another", "why", _stop.Token));
        await Assert.ThrowsAsync<KeyNotFoundException>(async () => await _feed.SubscribeAsync("another", _stop.Token).GetAsyncEnumerator().MoveNextAsync());

        await running.CancelAsync();
        await run;
        _feed.Ended();
        Assert.False(await second.MoveNextAsync());
    }

    [Fact]
    public async Task A_failed_session_is_reported_as_stopped_with_its_error()
    {
        await using var watching = _feed.SubscribeAsync("always-in", _stop.Token).GetAsyncEnumerator();
        _feed.Ended("the journal was written for another strategy");
        var stopped = await NextAsync(watching, _ => true);
        Assert.Equal("stopped", stopped.Type);
        Assert.Equal("the live session failed: the journal was written for another strategy", stopped.Data.GetProperty("reason").GetString());
        Assert.False(await watching.MoveNextAsync());
        Assert.Equal("Failed", Assert.Single(_feed.Sessions()).State);
        Assert.False(await _feed.StopAsync("always-in", "too late", _stop.Token));
    }

    private static async Task<LiveUpdate> NextAsync(IAsyncEnumerator<LiveUpdate> updates, Func<LiveUpdate, bool> wanted)
    {
        while (await updates.MoveNextAsync())
            if (wanted(updates.Current)) return updates.Current;
        throw new InvalidOperationException("the updates ended");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _feed.Dispose();
        await _session.DisposeAsync();
        await _journal.DisposeAsync();
        await _bus.DisposeAsync();
        _stop.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
