using Baton.Engine.Live;
using Baton.Engine.Live.Messages;
using Baton.Redis;
using StackExchange.Redis;

namespace Baton.Cli.Tests;

/// <summary>
/// One writer per strategy, with real <c>baton live</c> processes on the test redis-server: a second process for the same
/// strategy stands by without reading; when the holder is killed with kill -9 it takes over, and the journal ends up with
/// every input once and the very orders and fills of an uninterrupted run; a consumer renamed between restarts loses
/// nothing (its pending entries are claimed at takeover); a standby with another journal is refused.
/// </summary>
public sealed class LiveLeaseTests : IDisposable
{
    private readonly string _dir = BatonProcess.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string StrategyPath()
    {
        string path = Path.Combine(_dir, "lease.yaml");
        File.WriteAllText(path, LiveFeed.Strategy);
        return path;
    }

    private string[] Args(string url, string journal, params string[] more) =>
        ["live", StrategyPath(), "--redis", url, "--journal", journal, "--max-price-age", "off", "--lease-ttl", "3s", .. more];

    private static async Task WaitForAsync(LiveProcess live, string text)
    {
        for (int i = 0; i < 1200 && !live.Errors.Contains(text, StringComparison.Ordinal) && !live.HasExited; i++) await Task.Delay(50);
        Assert.True(live.Errors.Contains(text, StringComparison.Ordinal), $"no \"{text}\" from baton live:\n" + live.Errors);
    }

    /// <summary>The orders and fills of one process that applies <paramref name="minutes"/> minutes without interruption.</summary>
    private async Task<List<string>> UninterruptedAsync(int minutes, bool signals = false)
    {
        var (dbIndex, url) = LiveRedis.NewDatabase();
        using var redis = await ConnectionMultiplexer.ConnectAsync(RedisUrl.Parse(url));
        var feed = new LiveFeed(redis.GetDatabase(dbIndex), signals);
        await feed.PublishAsync(minutes);
        string journal = Path.Combine(_dir, "reference.db");
        using (var live = new LiveProcess(Args(url, journal)))
        {
            await live.WaitUntilUpAsync();
            await feed.WaitDrainedAsync(live);
            Assert.Equal(0, live.Terminate(TimeSpan.FromSeconds(30)));
        }
        var (keys, trades) = await LiveFeed.JournalAsync(journal);
        Assert.Equal(feed.Keys.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
        Assert.True(trades.Count > 10, $"only {trades.Count} orders and fills: the comparison would say little");
        return trades;
    }

    [Fact]
    public async Task A_standby_does_not_read_and_takes_over_after_kill_9_with_the_orders_of_an_uninterrupted_run()
    {
        var reference = await UninterruptedAsync(180);
        var (dbIndex, url) = LiveRedis.NewDatabase();
        using var redis = await ConnectionMultiplexer.ConnectAsync(RedisUrl.Parse(url));
        var db = redis.GetDatabase(dbIndex);
        var feed = new LiveFeed(db);
        string journal = Path.Combine(_dir, "journal.db");
        using var holder = new LiveProcess(Args(url, journal));
        await holder.WaitUntilUpAsync();
        using var standby = new LiveProcess(Args(url, journal, "--consumer", "standby"));
        await WaitForAsync(standby, "standing by: the lease baton:lease:baton.lease_test is held by consumer baton-");

        await feed.PublishAsync(60);
        await feed.WaitDrainedAsync(holder);
        Assert.DoesNotContain("Ctrl-C stops", standby.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("standby", await feed.ConsumersAsync());     // it never read the group

        var publishing = feed.PublishAsync(60);
        for (int i = 0; i < 200 && (await db.StreamGroupInfoAsync(LiveStreams.Prices))[0].PendingMessageCount == 0; i++) await Task.Delay(5);
        holder.Kill();   // mid-chunk: usually with entries read and not yet acknowledged
        await publishing;
        await WaitForAsync(standby, "Ctrl-C stops");
        Assert.Contains("took over the lease", standby.Errors, StringComparison.Ordinal);
        await feed.PublishAsync(60);
        await feed.WaitDrainedAsync(standby);
        Assert.Equal(0, standby.Terminate(TimeSpan.FromSeconds(30)));

        var (keys, trades) = await LiveFeed.JournalAsync(journal);
        Assert.Equal(keys.Count, keys.Distinct().Count());                                              // nothing twice
        Assert.Equal(feed.Keys.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));     // nothing lost
        Assert.Equal(0, await db.StreamLengthAsync(LiveStreams.DeadLetter(LiveStreams.Prices)));       // nothing late
        Assert.Equal(reference, trades);
        Assert.False(await db.KeyExistsAsync("baton:lease:" + LiveFeed.Group));                        // released on exit
        var (exit, stdout, stderr) = BatonProcess.Run("replay", journal);
        Assert.True(exit == 0, stdout + stderr);
    }

    [Fact]
    public async Task A_consumer_renamed_between_restarts_gets_the_old_names_pending_entries_at_takeover()
    {
        var reference = await UninterruptedAsync(120);
        var (dbIndex, url) = LiveRedis.NewDatabase();
        using var redis = await ConnectionMultiplexer.ConnectAsync(RedisUrl.Parse(url));
        var db = redis.GetDatabase(dbIndex);
        var feed = new LiveFeed(db);
        string journal = Path.Combine(_dir, "journal.db");
        await feed.PublishAsync(40);
        using (var old = new LiveProcess(Args(url, journal, "--consumer", "old-host")))
        {
            await old.WaitUntilUpAsync();
            await feed.WaitDrainedAsync(old);
            Assert.Equal(0, old.Terminate(TimeSpan.FromSeconds(30)));
        }
        // an earlier version under its host-name default read 20 more entries and died before journaling them
        await feed.PublishAsync(40);
        Assert.Equal(20, (await db.StreamReadGroupAsync(LiveStreams.Prices, LiveFeed.Group, "old-host", ">", 20)).Length);
        using var renamed = new LiveProcess(Args(url, journal));   // the default name, derived from the journal
        await renamed.WaitUntilUpAsync();
        Assert.Contains("claimed 20 entries pending for other consumers of baton.lease_test: prices:live 20", renamed.Errors, StringComparison.Ordinal);
        await feed.PublishAsync(40);
        await feed.WaitDrainedAsync(renamed);
        Assert.Equal(0, renamed.Terminate(TimeSpan.FromSeconds(30)));

        var (keys, trades) = await LiveFeed.JournalAsync(journal);
        Assert.Equal(feed.Keys.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(0, await db.StreamLengthAsync(LiveStreams.DeadLetter(LiveStreams.Prices)));
        Assert.Equal(reference, trades);
    }

    [Fact]
    public async Task A_holder_whose_lease_is_taken_stops_deciding_and_a_standby_stopped_while_waiting_exits_cleanly()
    {
        var (dbIndex, url) = LiveRedis.NewDatabase();
        using var redis = await ConnectionMultiplexer.ConnectAsync(RedisUrl.Parse(url));
        string journal = Path.Combine(_dir, "journal.db");
        using var holder = new LiveProcess(Args(url, journal));
        await holder.WaitUntilUpAsync();
        using (var standby = new LiveProcess(Args(url, journal)))
        {
            await WaitForAsync(standby, "standing by");
            Assert.Equal(0, standby.Terminate(TimeSpan.FromSeconds(30)));
            Assert.Contains("stopped while standing by; nothing was read or journaled", standby.Errors, StringComparison.Ordinal);
        }
        var intruder = LeaseHolder.Me("intruder", "sqlite:/elsewhere.db", TimeProvider.System);
        await redis.GetDatabase(dbIndex).StringSetAsync("baton:lease:" + LiveFeed.Group, intruder.ToJson(), TimeSpan.FromMinutes(1));
        Assert.Equal(1, holder.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.Contains("error: stopped deciding: the lease baton:lease:baton.lease_test is now held by consumer intruder", holder.Errors,
            StringComparison.Ordinal);
        Assert.Contains("another process may take over", holder.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_standby_with_another_journal_is_refused()
    {
        var (_, url) = LiveRedis.NewDatabase();
        using var holder = new LiveProcess(Args(url, Path.Combine(_dir, "one.db")));
        await holder.WaitUntilUpAsync();
        var (exit, _, err) = BatonProcess.Run(Args(url, Path.Combine(_dir, "two.db")));
        Assert.Equal(2, exit);
        Assert.Contains("a standby must share the holder's journal", err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "two.db")));   // refused before opening anything
        Assert.Equal(0, holder.Terminate(TimeSpan.FromSeconds(30)));
    }
}
