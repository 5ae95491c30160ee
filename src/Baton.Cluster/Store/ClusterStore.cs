using System.Globalization;
using Baton.Cluster.Jobs;
using Baton.Research.Trials;
using StackExchange.Redis;

namespace Baton.Cluster.Store;

/// <summary>
/// The store every machine of the cluster reaches (the cluster's Redis): per sweep its job, its batches and its results,
/// and what each worker last reported. A trial's result is written with HSETNX, so it is recorded once by trial id
/// whatever the number of workers that ran its batch (a trial is a pure function of its inputs: a second run is the
/// same bytes). Keys live under <c>baton:cluster:</c> and expire a week after the sweep's last write. A sweep whose job
/// names a results store (<c>--results postgresql://...</c>) has its outcomes there instead (<paramref name="external"/>
/// opens it), every other part here.
/// </summary>
public sealed class ClusterStore(IDatabase db, Func<string, ITrialResultStore>? external = null, byte[]? resultKey = null)
{
    /// <summary>What <see cref="ResultsAsync"/> gives for a result whose signature does not match (its JSON follows).</summary>
    public const string Unsigned = "!unsigned ";

    private readonly RedisTrialResults _redisResults = new(db, Prefix, Keep);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ITrialResultStore> _routes = new(StringComparer.Ordinal);

    private const string Prefix = "baton:cluster:";
    private static readonly TimeSpan Keep = TimeSpan.FromDays(7);
    private static readonly RedisKey Sweeps = Prefix + "sweeps";
    private static readonly RedisKey Workers = Prefix + "workers";

    private static RedisKey Key(string sweep, string part) => $"{Prefix}sweep:{sweep}:{part}";

    public async Task<IReadOnlyList<string>> ActiveSweepsAsync() =>
        [.. (await db.SetMembersAsync(Sweeps).ConfigureAwait(false)).Select(v => v.ToString()).Order(StringComparer.Ordinal)];

    /// <summary>Registers the job of <paramref name="sweep"/> unless it is there (the key names one job).</summary>
    public async Task OpenAsync(string sweep, string jobJson)
    {
        await db.StringSetAsync(Key(sweep, "job"), jobJson, Keep, When.NotExists).ConfigureAwait(false);
        await db.SetAddAsync(Sweeps, sweep).ConfigureAwait(false);
    }

    public async Task<string?> JobAsync(string sweep) => await db.StringGetAsync(Key(sweep, "job")).ConfigureAwait(false) is { HasValue: true } v ? v.ToString() : null;

    public async Task AddUnitAsync(string sweep, string unitId, string trialsJson)
    {
        await db.HashSetAsync(Key(sweep, "units"), unitId, trialsJson, When.NotExists).ConfigureAwait(false);
        await db.KeyExpireAsync(Key(sweep, "units"), Keep).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, string>> UnitsAsync(string sweep) =>
        (await db.HashGetAllAsync(Key(sweep, "units")).ConfigureAwait(false)).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString(), StringComparer.Ordinal);

    /// <summary>Records each outcome unless its trial id already has one; returns how many were new.</summary>
    public async Task<int> PutResultsAsync(string sweep, IEnumerable<(int Id, string Json)> outcomes) =>
        await (await ResultsOf(sweep).ConfigureAwait(false))
            .PutAsync(sweep, [.. outcomes.Select(o => (o.Id, Sign(sweep, o.Id, o.Json)))], CancellationToken.None).ConfigureAwait(false);

    /// <summary>The recorded outcomes (JSON) of those of <paramref name="ids"/> that have one; in a cluster with a
    /// certificate, one whose signature does not match comes back prefixed with <see cref="Unsigned"/>.</summary>
    public async Task<IReadOnlyDictionary<int, string>> ResultsAsync(string sweep, IReadOnlyList<int> ids)
    {
        var stored = await (await ResultsOf(sweep).ConfigureAwait(false)).GetAsync(sweep, ids, CancellationToken.None).ConfigureAwait(false);
        return resultKey is null ? stored : stored.ToDictionary(p => p.Key, p => Verified(sweep, p.Key, p.Value));
    }

    /// <summary>With a result key, <c>HMAC.JSON</c>: the HMAC-SHA256 of sweep, trial id and JSON in hex, a dot, the JSON.</summary>
    private string Sign(string sweep, int id, string json) =>
        resultKey is null ? json : Mac(sweep, id, json) + "." + json;

    private string Verified(string sweep, int id, string value)
    {
        int dot = value.IndexOf('.', StringComparison.Ordinal);
        if (dot == 64)
        {
            string json = value[(dot + 1)..];
            if (System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.ASCII.GetBytes(value[..dot]), System.Text.Encoding.ASCII.GetBytes(Mac(sweep, id, json))))
                return json;
        }
        return Unsigned + value;
    }

    private string Mac(string sweep, int id, string json) => Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(resultKey!,
        System.Text.Encoding.UTF8.GetBytes(sweep + "\n" + id.ToString(CultureInfo.InvariantCulture) + "\n" + json)));

    public async Task<IReadOnlySet<int>> ResultIdsAsync(string sweep) =>
        await (await ResultsOf(sweep).ConfigureAwait(false)).IdsAsync(sweep, CancellationToken.None).ConfigureAwait(false);

    /// <summary>Where <paramref name="sweep"/>'s outcomes go: the store its job names (<c>--results</c>), else this Redis.</summary>
    private async Task<ITrialResultStore> ResultsOf(string sweep)
    {
        if (external is null) return _redisResults;
        if (_routes.TryGetValue(sweep, out var known)) return known;
        var job = await JobAsync(sweep).ConfigureAwait(false);
        if (job is null) return _redisResults;   // not opened yet: nothing recorded anywhere (not remembered)
        string? uri = ClusterJob.Parse(job).Results;
        return _routes.GetOrAdd(sweep, _ => uri is null ? _redisResults : external(uri));
    }

    public async Task RefuseAsync(string sweep, string worker, string reason)
    {
        await db.HashSetAsync(Key(sweep, "refused"), worker, reason).ConfigureAwait(false);
        await db.KeyExpireAsync(Key(sweep, "refused"), Keep).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, string>> RefusalsAsync(string sweep) =>
        (await db.HashGetAllAsync(Key(sweep, "refused")).ConfigureAwait(false)).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString(), StringComparer.Ordinal);

    public Task BeatAsync(string worker, string json) => db.HashSetAsync(Workers, worker, json);

    public async Task<IReadOnlyDictionary<string, string>> BeatsAsync() =>
        (await db.HashGetAllAsync(Workers).ConfigureAwait(false)).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString(), StringComparer.Ordinal);

    /// <summary>Workers whose last report is younger than <paramref name="within"/>.</summary>
    public async Task<int> LiveWorkersAsync(TimeSpan within)
    {
        long since = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - (long)within.TotalMilliseconds;
        return (await BeatsAsync().ConfigureAwait(false)).Values.Count(json => SeenSince(json, since));
    }

    /// <summary>Whether <paramref name="worker"/> reported within <paramref name="within"/>.</summary>
    public async Task<bool> ReportedWithinAsync(string worker, TimeSpan within)
    {
        long since = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - (long)within.TotalMilliseconds;
        var json = await db.HashGetAsync(Workers, worker).ConfigureAwait(false);
        return json.HasValue && SeenSince(json.ToString(), since);
    }

    private static bool SeenSince(string json, long since) => Worker.WorkerBeat.Parse(json) is { } beat && beat.Seen >= since;

    public Task ForgetWorkerAsync(string worker) => db.HashDeleteAsync(Workers, worker);

    /// <summary>Removes the sweep's job, batches and refusals (a damaged job replaced); its results stay.</summary>
    public async Task ResetAsync(string sweep)
    {
        _routes.TryRemove(sweep, out _);
        await db.KeyDeleteAsync([Key(sweep, "job"), Key(sweep, "units"), Key(sweep, "refused")]).ConfigureAwait(false);
    }

    public Task ClearRefusalsAsync(string sweep) => db.KeyDeleteAsync(Key(sweep, "refused"));

    /// <summary>Removes the sweep (its folder holds every result now).</summary>
    public async Task ForgetAsync(string sweep)
    {
        await (await ResultsOf(sweep).ConfigureAwait(false)).ForgetAsync(sweep, CancellationToken.None).ConfigureAwait(false);
        _routes.TryRemove(sweep, out _);
        await db.KeyDeleteAsync([Key(sweep, "job"), Key(sweep, "units"), Key(sweep, "refused")]).ConfigureAwait(false);
        await db.SetRemoveAsync(Sweeps, sweep).ConfigureAwait(false);
    }
}
