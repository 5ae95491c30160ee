using System.Globalization;
using Baton.Engine.Data;
using Baton.Engine.Data.Synthetic;
using Baton.Parquet;
using Baton.Research.Objectives;
using Baton.Research.Parameters;
using Baton.Research.Sweeps;
using Baton.Research.Tests.Trials;
using Baton.Research.Trials;
using ParquetSharp;

namespace Baton.Research.Tests.Sweeps;

public sealed class SweepFolderTests : IDisposable
{
    private static readonly YamlVariants Variants = new(TrialBatchTests.Example);
    private static readonly TrialData Data = new(new SyntheticCandleSource(Variants.Load([]).Data), TimeRange.All);
    private static readonly ParameterSpace Space = ParameterSpace.Parse(["fast_period=0,5,10", "slow_period=30,60"]);
    private readonly string _dir = Directory.CreateTempSubdirectory("baton-sweep-folder-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static SweepManifest Manifest(string objective = "sharpe") => new(1, "sweep", "s.yaml", "abc", new Dictionary<string, string>(),
        "synthetic", null, null, null, [new ManifestParameter("fast_period", ["0", "5", "10"]), new ManifestParameter("slow_period", ["30", "60"])],
        null, objective, new ManifestSearch("grid", null, 1, 16), "test");

    [Fact]
    public async Task Recorded_trials_read_back_give_the_same_table_bytes()
    {
        var result = await SweepRunner.RunAsync(SweepPlan.Grid(Space), Variants, Data, 2, null, null, CancellationToken.None);
        var folder = SweepFolder.Open(Path.Combine(_dir, "a"), Manifest());
        await folder.RecordAsync(result.Trials.Take(4).ToArray(), CancellationToken.None);
        await folder.RecordAsync(result.Trials.Skip(4).ToArray(), CancellationToken.None);
        var reopened = SweepFolder.Open(Path.Combine(_dir, "a"), Manifest());
        Assert.Equal(6, reopened.Recorded.Count);
        reopened.WriteTables(Space, Objective.Default, new ParquetTrialTableWriter());
        var expected = new StringWriter();
        TrialTable.Of(result.Trials, Space, Objective.Default).WriteCsv(expected);
        Assert.Equal(expected.ToString(), File.ReadAllText(Path.Combine(_dir, "a", "trials.csv")));
        Assert.Contains(",failed,", expected.ToString(), StringComparison.Ordinal);   // fast_period=0 is refused
        Assert.Equal(result.Trials.Select(t => t.Returns?.Skewness), reopened.Recorded.OrderBy(t => t.Id).Select(t => t.Returns?.Skewness));
    }

    [Fact]
    public async Task A_torn_last_line_is_ignored_and_cut_off()
    {
        var result = await SweepRunner.RunAsync(SweepPlan.Grid(ParameterSpace.Parse(["fast_period=5,10"])), Variants, Data, 1, null, null, CancellationToken.None);
        var folder = SweepFolder.Open(_dir + "/b", Manifest());
        await folder.RecordAsync(result.Trials, CancellationToken.None);
        string journal = Path.Combine(_dir, "b", "journal.jsonl");
        string whole = File.ReadAllText(journal);
        File.AppendAllText(journal, whole[..(whole.IndexOf('\n', StringComparison.Ordinal) / 2)]);
        Assert.Equal(2, SweepFolder.Open(_dir + "/b", Manifest()).Recorded.Count);
        Assert.Equal(whole, File.ReadAllText(journal));
    }

    /// <summary>Every kind of line the journal could not have written is refused in one line naming it, never taken as a
    /// trial (a resumed "ok" row without metrics) or thrown as a crash.</summary>
    [Theory]
    [InlineData("{\"garbage\":1}", "its parameters are missing")]
    [InlineData("{\"id\":3}", "its parameters are missing")]
    [InlineData("{\"id\":\"x\"}", "field id is not what a trial records")]
    [InlineData("null", "it is null")]
    [InlineData("[1,2]", "it is not the JSON object of a trial")]
    [InlineData("{not json", "it is not the JSON object of a trial")]
    [InlineData("{\"id\":0,\"settings\":[{\"name\":\"fast_period\",\"value\":\"5\"}]}", "it has neither metrics nor an error")]
    [InlineData("{\"id\":0,\"settings\":[null]}", "its parameters are missing")]
    public async Task A_journal_line_no_trial_could_have_written_is_refused_naming_the_line(string line, string why)
    {
        var result = await SweepRunner.RunAsync(SweepPlan.Grid(ParameterSpace.Parse(["fast_period=5,10"])), Variants, Data, 1, null, null, CancellationToken.None);
        var folder = SweepFolder.Open(_dir + "/j", Manifest());
        await folder.RecordAsync(result.Trials, CancellationToken.None);
        string journal = Path.Combine(_dir, "j", "journal.jsonl");
        File.AppendAllText(journal, line + "\n");
        var e = Assert.Throws<InvalidDataException>(() => SweepFolder.Open(_dir + "/j", Manifest()));
        Assert.Equal($"{journal}: line 3 is not a recorded trial ({why}); remove the folder to start the sweep again", e.Message);
    }

    [Fact]
    public async Task A_sweep_that_recorded_nothing_leaves_nothing_and_one_that_recorded_keeps_its_folder()
    {
        var empty = SweepFolder.Open(_dir + "/new/e", Manifest());
        empty.AbandonIfEmpty();
        Assert.False(Directory.Exists(_dir + "/new/e"));
        SweepFolder.Open(_dir + "/new/e", Manifest("sortino"));   // the corrected command is not refused as another sweep
        var result = await SweepRunner.RunAsync(SweepPlan.Grid(ParameterSpace.Parse(["fast_period=5"])), Variants, Data, 1, null, null, CancellationToken.None);
        var kept = SweepFolder.Open(_dir + "/k", Manifest());
        await kept.RecordAsync(result.Trials, CancellationToken.None);
        kept.AbandonIfEmpty();
        Assert.True(File.Exists(Path.Combine(_dir, "k", "manifest.json")));
        var reopened = SweepFolder.Open(_dir + "/k", Manifest());   // held this sweep before: never undone
        reopened.AbandonIfEmpty();
        Assert.True(File.Exists(Path.Combine(_dir, "k", "journal.jsonl")));
    }

    [Fact]
    public void A_folder_of_another_sweep_is_refused_naming_the_first_field_that_differs()
    {
        SweepFolder.Open(_dir + "/c", Manifest());
        var e = Assert.Throws<SweepInputException>(() => SweepFolder.Open(_dir + "/c", Manifest("sortino")));
        Assert.Contains("differs in \"objective\"", e.Message, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_dir, "c", "manifest.json"), "not json");
        e = Assert.Throws<SweepInputException>(() => SweepFolder.Open(_dir + "/c", Manifest()));
        Assert.Contains("differs in \"manifest.json\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_of_other_files_is_refused()
    {
        File.WriteAllText(Path.Combine(_dir, "x.txt"), "x");
        Assert.Contains("holds no sweep", SweepFolder.Problem(_dir, []), StringComparison.Ordinal);
        Assert.Null(SweepFolder.Problem(Path.Combine(_dir, "new"), []));
    }

    [Fact]
    public async Task Trials_parquet_holds_the_csv_cells_typed()
    {
        var result = await SweepRunner.RunAsync(SweepPlan.Grid(Space), Variants, Data, 2, null, null, CancellationToken.None);
        var table = TrialTable.Of(result.Trials, Space, Objective.Default);
        string path = Path.Combine(_dir, "t.parquet");
        new ParquetTrialTableWriter().Write(path, table);
        using var reader = new ParquetFileReader(path);
        using var group = reader.RowGroup(0);
        Assert.Equal(table.Columns.Count, reader.FileMetaData.NumColumns);
        for (int c = 0; c < table.Columns.Count; c++)
        {
            var column = table.Columns[c];
            Assert.Equal(column.Name, reader.FileMetaData.Schema.Column(c).Name);
            string?[] cells = column.Kind switch
            {
                TrialColumnKind.Integer => group.Column(c).LogicalReader<long?>().ReadAll(table.RowCount).Select(v => v?.ToString(CultureInfo.InvariantCulture)).ToArray(),
                TrialColumnKind.Number => group.Column(c).LogicalReader<double?>().ReadAll(table.RowCount).Select(v => v?.ToString("R", CultureInfo.InvariantCulture)).ToArray(),
                _ => group.Column(c).LogicalReader<string?>().ReadAll(table.RowCount),
            };
            if (column.Kind == TrialColumnKind.Number)
                Assert.Equal(column.Cells.Select(s => s is null ? (double?)null : double.Parse(s, CultureInfo.InvariantCulture)), cells.Select(s => s is null ? (double?)null : double.Parse(s, CultureInfo.InvariantCulture)));
            else Assert.Equal(column.Cells, cells);
        }
    }
}
