using System.Globalization;
using StackExchange.Redis;

namespace Baton.Redis;

/// <summary>How long a lease lives without renewal, and the rhythm derived from it: renewed every TTL/5, polled by a standby
/// every TTL/10, given up by a holder that could not renew for 4/5 of the TTL (so it has stopped before the key expires).</summary>
public sealed record LeaseOptions(TimeSpan Ttl)
{
    /// <summary>5 s: a Redis blip, failover or pause of up to ~4 s does not end the session, and a dead holder is replaced
    /// within about 5.5 s; renewing costs one small script call a second.</summary>
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromSeconds(5);

    public TimeSpan RenewEvery => Ttl / 5;
    public TimeSpan PollEvery => Ttl / 10;
    public TimeSpan GiveUpAfter => Ttl * 4 / 5;
}

/// <summary>
/// One writer per strategy: the key <c>baton:lease:&lt;group&gt;</c> holds the holder's <see cref="LeaseHolder"/> JSON with a
/// TTL. Taken with SET NX PX; renewed in the background by a compare-and-renew script (which also sets the key again when
/// the server lost it, e.g. restarted without persistence: nobody else holds it then); deleted on a clean exit only when it
/// is still ours (compare-and-delete). When it cannot be renewed for <see cref="LeaseOptions.GiveUpAfter"/>, or another
/// process holds it, <see cref="Lost"/> is cancelled with <see cref="LostReason"/>: the holder must stop deciding.
/// </summary>
public sealed class RedisLease : IAsyncDisposable
{
    private const string RenewScript = """
        local v = redis.call('GET', KEYS[1])
        if v == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
        if not v then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
        return 0
        """;

    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    private readonly IDatabase _db;
    private readonly RedisKey _key;
    private readonly string _value;
    private readonly LeaseOptions _options;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _renewing;

    public RedisLease(IDatabase db, string group, LeaseHolder me, LeaseOptions options, TimeProvider? clock = null)
    {
        _db = db ?? throw new ArgumentNullException(nameof(db));
        ArgumentNullException.ThrowIfNull(group);
        Me = me ?? throw new ArgumentNullException(nameof(me));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _clock = clock ?? TimeProvider.System;
        _key = Key(group);
        _value = me.ToJson();
    }

    /// <summary>The key of a group's lease.</summary>
    public static string Key(string group) => "baton:lease:" + group;

    public LeaseHolder Me { get; }

    /// <summary>Cancelled when the lease is lost (see <see cref="LostReason"/>).</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>Why the lease was lost; null while held (or never taken).</summary>
    public string? LostReason { get; private set; }

    public bool Held => _renewing is not null && LostReason is null;

    private long Ttl => (long)_options.Ttl.TotalMilliseconds;

    /// <summary>Tries once to take the lease: null when taken (and now renewed in the background), else who holds it.</summary>
    public async Task<LeaseHolder?> TryAcquireAsync()
    {
        if (_renewing is not null) throw new InvalidOperationException("the lease is already held");
        long sent = Now;
        if (await _db.StringSetAsync(_key, _value, _options.Ttl, When.NotExists).ConfigureAwait(false))
        {
            _renewing = Task.Run(() => RenewAsync(sent));
            return null;
        }
        var current = await _db.StringGetAsync(_key).ConfigureAwait(false);
        return current.IsNull ? await TryAcquireAsync().ConfigureAwait(false) : LeaseHolder.Parse(current!);
    }

    /// <summary>Takes the lease, standing by while another process holds it: <paramref name="standingBy"/> is told each time
    /// the holder changes (once while one holder lives), and may throw to refuse waiting behind that holder. Polls every
    /// <see cref="LeaseOptions.PollEvery"/>, so a dead holder is replaced within TTL + poll after its last renewal.</summary>
    public async Task AcquireAsync(Action<LeaseHolder> standingBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(standingBy);
        string? told = null;
        while (await TryAcquireAsync().ConfigureAwait(false) is { } holder)
        {
            if (holder.Token != told)
            {
                standingBy(holder);
                told = holder.Token;
            }
            await Task.Delay(_options.PollEvery, _clock, cancellationToken).ConfigureAwait(false);
        }
    }

    private long Now => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Renews every TTL/5. A renewal counts from the moment it was sent (the server's expiry is later than that), so
    /// the holder gives up while the key still lives, however late the replies come.</summary>
    private async Task RenewAsync(long lastRenewed)
    {
        string? trouble = null;
        long giveUp = (long)_options.GiveUpAfter.TotalMilliseconds;
        while (true)
        {
            long wait = Math.Min((long)_options.RenewEvery.TotalMilliseconds, Math.Max(0, lastRenewed + giveUp - Now));
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait), _clock, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            long sent = Now, deadline = lastRenewed + giveUp;
            if (sent >= deadline)
            {
                Lose($"the lease {_key} could not be renewed for {_options.GiveUpAfter.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s ({trouble ?? "no reply"})");
                return;
            }
            switch (await RenewOnceAsync(TimeSpan.FromMilliseconds(deadline - sent)).ConfigureAwait(false))
            {
                case (true, _):
                    lastRenewed = sent;
                    trouble = null;
                    break;
                case (false, null):
                    Lose($"the lease {_key} is now held by {await HolderAsync().ConfigureAwait(false)}");
                    return;
                case (false, { } error):
                    trouble = error;
                    break;
            }
        }
    }

    /// <summary>One compare-and-renew: (true, null) renewed, (false, null) another process holds the key, (false, error) no
    /// answer within <paramref name="limit"/> or a connection error.</summary>
    private async Task<(bool Renewed, string? Error)> RenewOnceAsync(TimeSpan limit)
    {
        try
        {
            var result = await _db.ScriptEvaluateAsync(RenewScript, [_key], [_value, Ttl]).WaitAsync(limit, _clock, _stop.Token).ConfigureAwait(false);
            return ((long)result == 1, null);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            return (true, null);   // released meanwhile: the next delay sees the stop
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return (false, e.Message);
        }
    }

    private async Task<string> HolderAsync()
    {
        try
        {
            return (string?)await _db.StringGetAsync(_key).ConfigureAwait(false) is { } v ? LeaseHolder.Parse(v).ToString() : "nobody";
        }
        catch (RedisException)
        {
            return "another process";
        }
    }

    private void Lose(string reason)
    {
        LostReason = reason;
        _lost.Cancel();
    }

    /// <summary>Stops renewing and deletes the key when it is still ours (a clean exit: a standby takes over at once).</summary>
    public async Task ReleaseAsync()
    {
        if (_renewing is null) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewing.ConfigureAwait(false);
        try
        {
            await _db.ScriptEvaluateAsync(ReleaseScript, [_key], [_value]).ConfigureAwait(false);
        }
        catch (RedisException)
        {
            // the key expires by itself within the TTL
        }
        _renewing = null;
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync().ConfigureAwait(false);
        _lost.Dispose();
        _stop.Dispose();
    }
}
