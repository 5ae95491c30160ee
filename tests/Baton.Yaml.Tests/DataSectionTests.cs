using Baton.Engine.Strategy;

namespace Baton.Yaml.Tests;

public class DataSectionTests
{
    private static string Strategy(string data) => $"""
        name: t
        symbols: [X]
        timeframe: 1d
        data: {data}
        entry:
          - {"{"} when: close > 1, action: buy {"}"}
        """;

    [Fact]
    public void Parquet_columns_are_mapped_and_unset_ones_keep_their_default()
    {
        var d = StrategyLoader.LoadFromText(Strategy("{ source: parquet, path: a.parquet, columns: { timestamp: ts, volume: vol } }"), "s.yaml");
        Assert.Equal(DataSourceKind.Parquet, d.Data.Source);
        Assert.Equal(new DataColumns { Timestamp = "ts", Volume = "vol" }, d.Data.Columns);
    }

    [Fact]
    public void Postgres_may_leave_the_url_to_BATON_PG()
    {
        var d = StrategyLoader.LoadFromText(Strategy("{ source: postgres }"), "s.yaml");
        Assert.Equal(DataSourceKind.Postgres, d.Data.Source);
        Assert.Null(d.Data.Path);
    }

    [Fact]
    public void An_unknown_column_key_is_reported_with_its_place()
    {
        var e = Assert.Throws<StrategyValidationException>(() =>
            StrategyLoader.LoadFromText(Strategy("{ source: parquet, path: a.parquet, columns: { stamp: ts } }"), "s.yaml"));
        Assert.Contains(e.Errors, x => x.ToString().Contains("data.columns.stamp: unknown key 'stamp'", StringComparison.Ordinal));
    }
}
