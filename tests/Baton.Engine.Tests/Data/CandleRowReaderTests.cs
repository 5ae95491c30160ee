using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Data.Checks;
using Baton.Engine.Data.Csv;

namespace Baton.Engine.Tests.Data;

public class CandleRowReaderTests
{
    private const string Long = "symbol,timestamp,open,high,low,close,volume\n" +
        "B,2020-01-01,1,2,0.5,1,1\nA,2020-01-01,3,4,2,3,1\n\nB,2020-01-02,1,2,0.5,1.5,2\n";

    private static async Task<(List<(string, Candle, long)> Rows, ICandleRowReader Reader)> ReadAsync(ICandleRowReader reader, int capacity = 2)
    {
        var rows = new List<(string, Candle, long)>();
        var batch = new CandleRowBatch(capacity);
        int n;
        while ((n = await reader.ReadAsync(batch, CancellationToken.None)) > 0)
        {
            for (int i = 0; i < n; i++) rows.Add((reader.Symbols[batch.SymbolIds[i]], batch.Candles[i], batch.Rows[i]));
        }
        return (rows, reader);
    }

    [Fact]
    public async Task Csv_rows_come_in_file_order_with_their_symbol_and_line()
    {
        using var files = new DataTestFiles();
        await using var reader = await CsvCandleRowReader.OpenAsync(files.Write("l.csv", Long), "", null, CancellationToken.None);
        var (rows, _) = await ReadAsync(reader);
        Assert.True(reader.HasSymbolColumn);
        Assert.Equal(["B", "A"], reader.Symbols);
        Assert.Equal([("B", 2L), ("A", 3L), ("B", 5L)], rows.Select(r => (r.Item1, r.Item3)));
        Assert.Equal(new Candle(DataTestFiles.Ms("2020-01-02"), 1, 2, 0.5, 1.5, 2), rows[2].Item2);
        Assert.Equal(1.0, reader.Progress);
    }

    [Fact]
    public async Task A_file_without_symbol_column_uses_the_given_symbol()
    {
        using var files = new DataTestFiles();
        await using var reader = await CsvCandleRowReader.OpenAsync(files.Write("o.csv", "timestamp,open,high,low,close,volume\n2020-01-01,1,1,1,1,1\n"),
            "XYZ", null, CancellationToken.None);
        var (rows, _) = await ReadAsync(reader);
        Assert.False(reader.HasSymbolColumn);
        Assert.Equal("XYZ", Assert.Single(rows).Item1);
    }

    [Fact]
    public async Task Unreadable_rows_are_reported_and_skipped_when_asked()
    {
        using var files = new DataTestFiles();
        var bad = new List<CandleDataException>();
        string text = "timestamp,open,high,low,close,volume\n2020-01-01,x,1,1,1,1\n2020-01-02,1,1,1,1\n2020-01-03,1,1,1,1,1\n";
        await using var reader = await CsvCandleRowReader.OpenAsync(files.Write("b.csv", text), "X", bad.Add, CancellationToken.None);
        var (rows, _) = await ReadAsync(reader);
        Assert.Equal(4, Assert.Single(rows).Item3);
        Assert.Equal(["open", "columns"], bad.Select(e => e.Field));
        Assert.Equal([2L, 3L], bad.Select(e => e.Row));
    }

    [Fact]
    public async Task Checked_rows_validate_each_symbol_separately_and_measure_the_smallest_step()
    {
        using var files = new DataTestFiles();
        await using var rows = new CheckedCandleRows(await CsvCandleRowReader.OpenAsync(files.Write("l.csv", Long), "", null, CancellationToken.None));
        await ReadAsync(rows);
        Assert.Equal(Timeframe.Day, rows.SmallestStep);

        string dup = Long + "B,2020-01-02,1,2,0.5,1.5,2\n";
        await using var again = new CheckedCandleRows(await CsvCandleRowReader.OpenAsync(files.Write("d.csv", dup), "", null, CancellationToken.None));
        var e = await Assert.ThrowsAsync<CandleDataException>(() => ReadAsync(again));
        Assert.Equal(6, e.Row);
        Assert.Contains("of B (2020-01-02T00:00:00Z), got 2020-01-02T00:00:00Z (duplicate)", e.Message);
    }

    [Fact]
    public async Task The_inspector_counts_rows_invalid_rows_and_missing_bars_per_symbol()
    {
        using var files = new DataTestFiles();
        string text = Long + "A,2020-01-05,3,4,2,3,1\nA,2020-01-04,3,4,2,3,1\n";
        var report = await CandleInspector.InspectAsync(
            async onBad => await CsvCandleRowReader.OpenAsync(files.Write("i.csv", text), "", onBad, CancellationToken.None), null, CancellationToken.None);
        Assert.Equal(new Timeframe(Timeframe.Day), report.Timeframe);
        Assert.Equal(new SymbolInspection("B", 2, DataTestFiles.Ms("2020-01-01"), DataTestFiles.Ms("2020-01-02"), 0, 0, 0), report.Symbols[0]);
        Assert.Equal(new SymbolInspection("A", 3, DataTestFiles.Ms("2020-01-01"), DataTestFiles.Ms("2020-01-05"), 1, 3, 1), report.Symbols[1]);
        Assert.Contains("(out of order)", Assert.Single(report.Problems));
    }
}
