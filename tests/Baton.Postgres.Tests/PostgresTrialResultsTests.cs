namespace Baton.Postgres.Tests;

/// <summary>A cluster sweep's outcomes in PostgreSQL (<c>--results</c>): recorded once per trial id, per sweep key.</summary>
public sealed class PostgresTrialResultsTests
{
    [Fact]
    public async Task A_trial_id_is_recorded_once_and_the_first_outcome_stays()
    {
        await using var db = new TestDatabase();
        using var store = new PostgresTrialResults(db.Uri);
        string sweep = "s" + Guid.NewGuid().ToString("N");
        Assert.Equal(2, await store.PutAsync(sweep, [(1, "{\"a\":1}"), (2, "{\"b\":2}")], CancellationToken.None));
        Assert.Equal(1, await store.PutAsync(sweep, [(2, "{\"other\":true}"), (3, "{\"c\":3}")], CancellationToken.None));
        var got = await store.GetAsync(sweep, [1, 2, 3, 4], CancellationToken.None);
        Assert.Equal(["{\"a\":1}", "{\"b\":2}", "{\"c\":3}"], got.OrderBy(p => p.Key).Select(p => p.Value));
        Assert.Equal([1, 2, 3], (await store.IdsAsync(sweep, CancellationToken.None)).Order());
    }

    [Fact]
    public async Task Sweeps_are_apart_and_forgetting_one_keeps_the_other()
    {
        await using var db = new TestDatabase();
        using var store = new PostgresTrialResults(db.Uri);
        string a = "a" + Guid.NewGuid().ToString("N"), b = "b" + Guid.NewGuid().ToString("N");
        await store.PutAsync(a, [(7, "{\"x\":1}")], CancellationToken.None);
        await store.PutAsync(b, [(7, "{\"y\":2}")], CancellationToken.None);
        await store.ForgetAsync(a, CancellationToken.None);
        Assert.Empty(await store.IdsAsync(a, CancellationToken.None));
        Assert.Equal("{\"y\":2}", (await store.GetAsync(b, [7], CancellationToken.None))[7]);
    }

    [Fact]
    public async Task Workers_creating_the_table_at_once_all_succeed()
    {
        await using var db = new TestDatabase();
        string sweep = "c" + Guid.NewGuid().ToString("N");
        var stores = Enumerable.Range(0, 4).Select(_ => new PostgresTrialResults(db.Uri)).ToArray();
        var added = await Task.WhenAll(stores.Select((s, i) => s.PutAsync(sweep, [(i, "{}"), (100, "{\"i\":" + i + "}")], CancellationToken.None)));
        Assert.Equal(5, added.Sum());   // four own ids and one of the four writes of id 100
        Assert.Equal(5, (await stores[0].IdsAsync(sweep, CancellationToken.None)).Count);
        foreach (var s in stores) s.Dispose();
    }
}
