using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Data.Checks;
using Baton.Engine.Data.Csv;
using Baton.Engine.Data.Merging;
using Baton.Engine.Data.Synthetic;

namespace Baton.Postgres.Tests;

public class PostgresImportTests
{
    [Fact]
    public async Task A_bad_row_stops_the_import_naming_file_row_and_field_and_imports_nothing()
    {
        await using var db = new TestDatabase();
        await CandleTable.CreateAsync(db.Uri, CancellationToken.None);
        string path = Path.Combine(Path.GetTempPath(), $"baton-import-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, "symbol,timestamp,open,high,low,close,volume\n" +
            "A,2020-01-01,1,2,0.5,1.5,10\nA,2020-01-02,1,2,0.5,1.5,10\nA,2020-01-03,1,0.4,0.5,1.5,10\n");
        try
        {
            await using var rows = new CheckedCandleRows(await CsvCandleRowReader.OpenAsync(path, "", null, CancellationToken.None));
            var e = await Assert.ThrowsAsync<CandleDataException>(() =>
                PostgresCandleImporter.ImportAsync(db.Uri, rows, null, null, null, CancellationToken.None));
            Assert.Equal($"{path}:4:high: expected high >= low (0.5), got 0.4", e.Message);
            Assert.Equal(0, await db.CountAsync());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task The_timeframe_is_inferred_from_the_smallest_step()
    {
        await using var db = new TestDatabase();
        await CandleTable.CreateAsync(db.Uri, CancellationToken.None);
        var source = new SyntheticCandleSource(new Baton.Engine.Strategy.DataSpec { Bars = 20 });
        var streams = await source.OpenAsync(["X"], new Timeframe(15 * Timeframe.Minute), TimeRange.All, CancellationToken.None);
        await using var rows = new CheckedCandleRows(new MergedCandleRows(streams, "synthetic"));
        var result = await PostgresCandleImporter.ImportAsync(db.Uri, rows, null, null, null, CancellationToken.None);
        Assert.Equal(new ImportResult(20, 20, new Timeframe(15 * Timeframe.Minute)), result);
    }

    [Fact]
    public async Task Inspect_reports_rows_range_invalid_rows_and_gaps()
    {
        await using var db = new TestDatabase();
        var candles = (await db.FillAsync(["AAA"], 100, Timeframe.OneDay))[0];
        await db.ExecuteAsync($"DELETE FROM {db.Table} WHERE ts IN (SELECT ts FROM {db.Table} ORDER BY ts OFFSET 10 LIMIT 3)");
        await db.ExecuteAsync($"UPDATE {db.Table} SET volume = -1 WHERE ts = (SELECT min(ts) FROM {db.Table})");
        var reports = await PostgresCandleInspector.InspectAsync(db.Uri, CancellationToken.None);
        var report = Assert.Single(reports);
        Assert.Equal(Timeframe.OneDay, report.Timeframe);
        Assert.Equal(new SymbolInspection("AAA", 97, candles[0].OpenTime, candles[^1].OpenTime, 1, 3, 1), Assert.Single(report.Symbols));
    }
}
