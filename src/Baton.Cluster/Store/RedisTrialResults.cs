using System.Globalization;
using Baton.Research.Trials;
using StackExchange.Redis;

namespace Baton.Cluster.Store;

/// <summary>Outcomes in the cluster's Redis: one hash per sweep (<c>PREFIX sweep:KEY:results</c>), a field per trial
/// id written with HSETNX (once), expiring after <paramref name="keep"/> without writes.</summary>
internal sealed class RedisTrialResults(IDatabase db, string prefix, TimeSpan keep) : ITrialResultStore
{
    private RedisKey Key(string sweep) => $"{prefix}sweep:{sweep}:results";

    public async Task<int> PutAsync(string sweep, IReadOnlyList<(int Id, string Json)> outcomes, CancellationToken cancellationToken)
    {
        var key = Key(sweep);
        var writes = outcomes.Select(o => db.HashSetAsync(key, o.Id.ToString(CultureInfo.InvariantCulture), o.Json, When.NotExists)).ToArray();
        var added = await Task.WhenAll(writes).ConfigureAwait(false);
        await db.KeyExpireAsync(key, keep).ConfigureAwait(false);
        return added.Count(a => a);
    }

    public async Task<IReadOnlyDictionary<int, string>> GetAsync(string sweep, IReadOnlyList<int> ids, CancellationToken cancellationToken)
    {
        var found = new Dictionary<int, string>();
        if (ids.Count == 0) return found;
        var values = await db.HashGetAsync(Key(sweep), [.. ids.Select(i => (RedisValue)i.ToString(CultureInfo.InvariantCulture))]).ConfigureAwait(false);
        for (int i = 0; i < ids.Count; i++)
            if (values[i].HasValue) found[ids[i]] = values[i].ToString();
        return found;
    }

    public async Task<IReadOnlySet<int>> IdsAsync(string sweep, CancellationToken cancellationToken)
    {
        var ids = new HashSet<int>();
        foreach (var field in await db.HashKeysAsync(Key(sweep)).ConfigureAwait(false))
            if (int.TryParse(field.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out int id)) ids.Add(id);
        return ids;
    }

    public Task ForgetAsync(string sweep, CancellationToken cancellationToken) => db.KeyDeleteAsync(Key(sweep));
}
