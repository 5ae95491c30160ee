using System.Text.Json;
using Baton.Redis;
using Baton.Web.Live;
using StackExchange.Redis;

namespace Baton.Web.Tests;

/// <summary>
/// <see cref="StreamLiveFeed"/> on the real redis-server, without a browser: an event delivered twice is taken once, an
/// event naming no strategy is nobody's, a session announcing another journal starts again, a stop goes only to a
/// session that is there and trading, and <see cref="CombinedLiveFeed"/> lists a strategy once and stops it where it is listed.
/// </summary>
public sealed class StreamLiveFeedTests
{
    [Fact]
    public async Task Each_event_is_taken_once_and_a_new_journal_starts_the_session_again()
    {
        var (db, url) = WebRedis.NewDatabase();
        await AddAsync(db, Announce("alpha", "/j/a"), Event("alpha", 1, "portfolio_update", 100_000), Event("alpha", 2, "fill", 0),
            Event("alpha", 2, "fill", 0), Event("alpha", 1, "portfolio_update", 100_000), """{"type":"fill","seq":9,"time":5}""",
            Event("alpha", 3, "portfolio_update", 100_500));
        await using var feed = await StartAsync(url);
        await UntilAsync(() => feed.Sessions() is [{ State: "Trading" }]);
        var history = await HistoryAsync(feed, "alpha");
        Assert.Equal(1, history.GetProperty("fills").GetArrayLength());
        Assert.Equal([100_000.0, 100_500.0], history.GetProperty("equity").EnumerateArray().Select(p => p[1].GetDouble()));
        Assert.Equal("/j/a", history.GetProperty("session").GetProperty("journal").GetString());

        await AddAsync(db, Announce("alpha", "/j/b"), Event("alpha", 1, "portfolio_update", 7));
        await UntilAsync(async () => (await HistoryAsync(feed, "alpha")).GetProperty("equity").GetArrayLength() == 1);
        history = await HistoryAsync(feed, "alpha");
        Assert.Equal(7, history.GetProperty("equity")[0][1].GetDouble());
        Assert.Equal(0, history.GetProperty("fills").GetArrayLength());
        Assert.Single(feed.Sessions());
    }

    [Fact]
    public async Task A_stop_goes_to_a_listed_trading_session_only_and_a_strategy_is_listed_once()
    {
        var (first, firstUrl) = WebRedis.NewDatabase();
        var (second, secondUrl) = WebRedis.NewDatabase();
        await AddAsync(first, Announce("alpha", "/j/a"), Event("alpha", 1, "portfolio_update", 1));
        await AddAsync(second, Announce("alpha", "/j/a2"), Announce("beta", "/j/b"), Event("beta", 1, "portfolio_update", 2));
        await using var a = await StartAsync(firstUrl);
        await using var b = await StartAsync(secondUrl);
        await UntilAsync(() => a.Sessions().Count == 1 && b.Sessions().Count == 2);
        var both = new CombinedLiveFeed([a, b]);
        Assert.Equal(["alpha", "beta"], both.Sessions().Select(s => s.Strategy));

        Assert.False(await both.StopAsync("gamma", "why", default));
        Assert.True(await both.StopAsync("alpha", "desk closed", default));
        var stop = JsonDocument.Parse((string)(await first.StreamRangeAsync("control:live")).Single()["data"]!).RootElement;
        Assert.Equal(("alpha", "desk closed", "dashboard"),
            (stop.GetProperty("strategy").GetString(), stop.GetProperty("reason").GetString(), stop.GetProperty("producer").GetString()));
        Assert.Empty(await second.StreamRangeAsync("control:live"));

        await AddAsync(second, Event("beta", 2, "stopped", 0));
        await UntilAsync(() => b.Sessions().Any(s => s is { Strategy: "beta", State: "Stopped", StopReason: "halted" }));
        Assert.False(await both.StopAsync("beta", "again", default));
        Assert.Empty(await second.StreamRangeAsync("control:live"));
    }

    private static async Task<StreamLiveFeed> StartAsync(string url)
    {
        var feed = new StreamLiveFeed(await RedisStreamWatch.ConnectAsync(url));
        feed.Start();
        return feed;
    }

    /// <summary>The first update a subscriber of <paramref name="id"/> gets: what the server kept of it.</summary>
    private static async Task<JsonElement> HistoryAsync(StreamLiveFeed feed, string id)
    {
        using var cancel = new CancellationTokenSource();
        await foreach (var update in feed.SubscribeAsync(id, cancel.Token))
        {
            Assert.Equal("history", update.Type);
            return update.Data;
        }
        throw new InvalidOperationException("no history");
    }

    /// <summary>Waits for the feed to have read what was added (it polls; up to 10 s on a loaded machine).</summary>
    private static async Task UntilAsync(Func<Task<bool>> done)
    {
        for (int i = 0; i < 200 && !await done(); i++) await Task.Delay(50);
        Assert.True(await done(), "the feed never got there");
    }

    private static Task UntilAsync(Func<bool> done) => UntilAsync(() => Task.FromResult(done()));

    private static async Task AddAsync(IDatabase db, params string[] events)
    {
        foreach (var e in events) await db.AddAsync("events:live", e);
    }

    private static string Announce(string strategy, string journal) => JsonSerializer.Serialize(new
    {
        type = "session", strategy, seq = 0, symbols = new[] { "BTCUSDT" }, timeframe = "1h", initial_capital = 100_000, journal,
    });

    private static string Event(string strategy, long seq, string type, double equity) => type switch
    {
        "portfolio_update" => JsonSerializer.Serialize(new { type, strategy, seq, equity, cash = equity, state = "trading", time = 1_000 * seq }),
        "stopped" => JsonSerializer.Serialize(new { type, strategy, seq, reason = "halted", time = 1_000 * seq }),
        _ => JsonSerializer.Serialize(new { type, strategy, seq, order_id = 1, symbol = "BTCUSDT", side = "buy", quantity = 1, price = 10, time = 1_000 * seq }),
    };
}
