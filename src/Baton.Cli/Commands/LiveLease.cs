using System.Globalization;
using Baton.Redis;

namespace Baton.Cli.Commands;

/// <summary>One writer per strategy on Redis: takes the group's <see cref="RedisLease"/> before the journal is opened, the
/// group read or a component run, standing by (saying once who holds it) while another process does; refuses a standby
/// whose journal is not the holder's. Once held, claims the entries pending for other consumer names of the group.</summary>
internal static class LiveLease
{
    public static async Task<RedisLease> TakeAsync(RedisMessageBus bus, LiveSettings settings, string journalAt, CancellationToken cancellationToken)
    {
        string consumer = settings.Consumer ?? LiveParts.DefaultConsumer(journalAt), journal = LiveParts.JournalIdentity(journalAt);
        var options = new LeaseOptions(settings.LeaseTtl);
        var lease = bus.Lease(LeaseHolder.Me(consumer, journal, TimeProvider.System), options);
        try
        {
            bool waited = false;
            await lease.AcquireAsync(holder =>
            {
                string key = RedisLease.Key(bus.Group);
                if (holder.Journal.Length > 0 && holder.Journal != journal)
                    throw new CliException($"the lease {key} is held by {holder}; this process would write journal {journal}: " +
                        "a standby must share the holder's journal (one PostgreSQL journal, or one SQLite file)");
                if (!settings.StandBy) throw new CliException($"the lease {key} is held by {holder}: another process runs this strategy");
                settings.Log?.Invoke($"standing by: the lease {key} is held by {holder}; taking over when it is released or expires " +
                    $"(within {Seconds(options.Ttl + options.PollEvery)} s of its holder's last renewal)");
                waited = true;
            }, cancellationToken).ConfigureAwait(false);
            settings.Log?.Invoke($"{(waited ? "took over" : "holding")} the lease {RedisLease.Key(bus.Group)} as {consumer} " +
                $"(ttl {Seconds(options.Ttl)} s, renewed every {Seconds(options.RenewEvery)} s)");
            var claimed = await bus.ClaimPendingAsync().ConfigureAwait(false);
            if (claimed.Values.Sum() is > 0 and var n)
                settings.Log?.Invoke($"claimed {n} entries pending for other consumers of {bus.Group}: " +
                    string.Join(", ", claimed.Where(c => c.Value > 0).Select(c => $"{c.Key} {c.Value}")));
            return lease;
        }
        catch
        {
            await lease.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
