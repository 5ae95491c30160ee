using Baton.Engine.Live;
using Baton.Engine.Live.Messages;
using Baton.Redis;
using StackExchange.Redis;

namespace Baton.Cli.Tests;

/// <summary>
/// The failover case with real processes on the test redis-server: prices and signals published while two
/// <c>baton live</c> processes (under changing consumer names) share one strategy, the holder killed with kill -9 twenty
/// times, its standby taking over each time and a new standby started: the journal holds every input once, nothing is
/// dead-lettered, and the orders and fills are those of one uninterrupted process that then consumes the very same
/// entries (the same ids, so the same total order) in a group of its own.
/// </summary>
public sealed class LiveFailoverTests : IDisposable
{
    private const int Kills = 20;
    private const int ChunkMinutes = 15;
    private readonly string _dir = BatonProcess.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string ReferenceGroup = "baton.reference";

    private string[] Args(string url, string journal, string consumer, string group = LiveFeed.Group)
    {
        string path = Path.Combine(_dir, "lease.yaml");
        File.WriteAllText(path, LiveFeed.Strategy);
        // --max-deliveries 1000, as LiveKillTests: every takeover re-reads the pending entries, which Redis counts as one more
        // delivery, so on a loaded machine an entry pending through more than five kills would be taken for a poison message
        return ["live", path, "--redis", url, "--journal", journal, "--max-price-age", "off", "--lease-ttl", "3s", "--consumer", consumer, "--group", group,
            "--max-deliveries", "1000"];
    }

    private static async Task TakesOverAsync(LiveProcess live)
    {
        await live.WaitUntilUpAsync();
        Assert.True(live.Errors.Contains("Ctrl-C stops", StringComparison.Ordinal) && !live.HasExited, "no takeover:\n" + live.Errors);
    }

    /// <summary>The failover run; then, on the same database, one uninterrupted process in a group of its own consumes the
    /// same entries: its orders and fills are the reference.</summary>
    private async Task<(List<string> Keys, List<string> Trades, LiveFeed Feed, List<string> Reference)> RunAsync()
    {
        var (dbIndex, url) = LiveRedis.NewDatabase();
        using var redis = await ConnectionMultiplexer.ConnectAsync(RedisUrl.Parse(url));
        var db = redis.GetDatabase(dbIndex);
        var feed = new LiveFeed(db, signals: true);
        string journal = Path.Combine(_dir, "failover.db");
        var random = new Random(18);
        int started = 0;
        LiveProcess Start() => new(Args(url, journal, "p" + (started++ % 3)));   // names change: claims at takeovers
        var holder = Start();
        await TakesOverAsync(holder);
        var standby = Start();
        for (int k = 0; k < Kills; k++)
        {
            var publishing = feed.PublishAsync(ChunkMinutes);
            await Task.Delay(random.Next(0, 1500));
            Assert.False(holder.HasExited, "the holder exited by itself:\n" + holder.Errors);
            holder.Kill();
            holder.Dispose();
            holder = standby;
            await TakesOverAsync(holder);
            standby = Start();
            await publishing;
        }
        await feed.WaitDrainedAsync(holder);
        Assert.True(holder.Terminate(TimeSpan.FromSeconds(30)) == 0, holder.Errors);
        holder.Dispose();
        await TakesOverAsync(standby);   // the clean exit released the lease: the standby holds it now, with nothing to do
        Assert.True(standby.Terminate(TimeSpan.FromSeconds(30)) == 0, standby.Errors);
        standby.Dispose();
        Assert.Equal(0, await db.StreamLengthAsync(LiveStreams.DeadLetter(LiveStreams.Prices)));      // nothing late
        Assert.Equal(0, await db.StreamLengthAsync(LiveStreams.DeadLetter(LiveStreams.Signals)));
        var (keys, trades) = await LiveFeed.JournalAsync(journal);
        string referenceJournal = Path.Combine(_dir, "uninterrupted.db");
        using (var reference = new LiveProcess(Args(url, referenceJournal, "reference", ReferenceGroup)))
        {
            await TakesOverAsync(reference);
            await feed.WaitDrainedAsync(reference, ReferenceGroup);
            Assert.True(reference.Terminate(TimeSpan.FromSeconds(30)) == 0, reference.Errors);
        }
        var (_, referenceTrades) = await LiveFeed.JournalAsync(referenceJournal);
        return (keys, trades, feed, referenceTrades);
    }

    [Fact]
    public async Task Twenty_kill_9s_of_the_holder_with_standby_takeovers_give_the_orders_of_an_uninterrupted_run()
    {
        var (keys, trades, feed, reference) = await RunAsync();
        Assert.Equal(keys.Count, keys.Distinct().Count());                                              // nothing twice
        Assert.Equal(feed.Keys.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));     // nothing lost
        Assert.True(reference.Count > 20, $"only {reference.Count} orders and fills");
        Assert.Equal(reference, trades);
        var (exit, stdout, stderr) = BatonProcess.Run("replay", Path.Combine(_dir, "failover.db"));
        Assert.True(exit == 0, stdout + stderr);
    }
}
