using System.Text.Json.Nodes;
using Baton.Research.Report;

namespace Baton.Research.Tests.Report;

/// <summary>A sweep folder read into the views' one JSON document, and every way its files can be wrong.</summary>
public sealed class SweepFolderReaderTests
{
    [Fact]
    public void A_sweep_folder_is_one_document_with_its_trials_parsed_and_its_files_as_written()
    {
        var doc = SweepFolderReader.Read(SweepFolders.Sweep());
        Assert.Equal("sweep", (string?)doc["kind"]);
        Assert.Equal("sharpe", (string?)doc["manifest"]!["objective"]);
        var trials = doc["trials"]!;
        Assert.Equal(["fast", "slow"], trials["parameters"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(["total_return", "cagr", "sharpe", "max_drawdown", "trades.trade_count", "trades.win_rate", "orders", "final_equity", "candles"],
            trials["metrics"]!.AsArray().Select(n => (string)n!));
        var rows = trials["rows"]!.AsArray();
        Assert.Equal(5, rows.Count);
        var best = rows[3]!;
        Assert.Equal(3, (int)best["trial"]!);
        Assert.Equal(["10", "30"], best["values"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(1.5, (double)best["score"]!);
        Assert.Equal([0.2, 0.18, 1.5, -0.05, 6, 0.6666666666666666, 12, 12000, 1000], best["metrics"]!.AsArray().Select(n => (double)n!));
        Assert.Equal("PositionOpen", (string?)best["final_state"]);
        Assert.Equal("aaa3", (string?)best["fills_hash"]);
        Assert.Null(best["error"]);
        var failed = rows[4]!;
        Assert.Equal("failed", (string?)failed["status"]);
        Assert.Equal("period 15, \"too long\"", (string?)failed["error"]);
        Assert.Null(failed["score"]);
        Assert.Null(failed["fills_hash"]);
        Assert.Null(failed["metrics"]![0]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(SweepFolders.Robustness), doc["robustness"]));
        Assert.Null(doc["walkforward"]);
    }

    [Fact]
    public void Missing_optional_files_are_null_and_a_walk_forward_needs_no_trials_csv()
    {
        var doc = SweepFolderReader.Read(SweepFolders.Sweep(robustness: false));
        Assert.Null(doc["robustness"]);
        Assert.Null(doc["walkforward"]);
        var wf = SweepFolderReader.Read(SweepFolders.WalkForwardFolder());
        Assert.Equal("walkforward", (string?)wf["kind"]);
        Assert.Null(wf["trials"]);
        Assert.Equal(2, wf["walkforward"]!["windows"]!.AsArray().Count);
    }

    [Fact]
    public void A_sweep_without_trials_csv_or_manifest_is_refused_naming_the_file()
    {
        string dir = SweepFolders.Sweep();
        File.Delete(Path.Combine(dir, "trials.csv"));
        Assert.Contains("trials.csv: missing", Assert.Throws<FileNotFoundException>(() => SweepFolderReader.Read(dir)).Message, StringComparison.Ordinal);
        File.Delete(Path.Combine(dir, "manifest.json"));
        Assert.Contains("manifest.json: missing", Assert.Throws<FileNotFoundException>(() => SweepFolderReader.Read(dir)).Message, StringComparison.Ordinal);
        Assert.False(SweepFolderReader.IsSweepFolder(dir));
    }

    [Theory]
    [InlineData("3,10,30,ok,,1.5,0.2,0.18,abc,-0.05,6,0.6,12,12000,Trading,1000,aaa3", "line 5, column sharpe: expected a number, got 'abc'")]
    [InlineData("x,10,30,ok,,1.5,0.2,0.18,1.5,-0.05,6,0.6,12,12000,Trading,1000,aaa3", "line 5, column trial: expected a trial id")]
    [InlineData("3,10,30,done,,1.5,0.2,0.18,1.5,-0.05,6,0.6,12,12000,Trading,1000,aaa3", "line 5, column status: expected ok or failed, got 'done'")]
    [InlineData("3,10,30,ok,,1.5,0.2", "line 5: has 7 fields, expected 17")]
    [InlineData("3,10,30,ok,\"unclosed,1.5", "line 5: a quoted field is not closed")]
    public void A_malformed_trials_csv_names_the_line_and_column(string row, string expected)
    {
        string dir = SweepFolders.Sweep(rows: [.. SweepFolders.Rows[..3], row]);
        var e = Assert.Throws<InvalidDataException>(() => SweepFolderReader.Read(dir));
        Assert.Contains("trials.csv " + expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_that_does_not_match_the_manifest_names_the_column()
    {
        string dir = SweepFolders.Sweep(header: SweepFolders.Header.Replace("trial,fast,slow", "trial,slow,fast", StringComparison.Ordinal));
        var e = Assert.Throws<InvalidDataException>(() => SweepFolderReader.Read(dir));
        Assert.Contains("trials.csv line 1 (header): column 2 is 'slow', expected 'fast'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("manifest.json", "{\"version\": 1, \"kind\": \"run\", \"parameters\": []}", "kind is 'run', expected sweep or walkforward")]
    [InlineData("manifest.json", "{\"version\": 1, \"kind\": \"sweep\"}", "parameters is missing")]
    [InlineData("manifest.json", "{\"kind\": \"sweep\", \"parameters\": [{\"name\": \"fast\"}]}", "parameters[0] is not")]
    [InlineData("robustness.json", "{\"objective\": ", "robustness.json: not valid JSON (line 1")]
    [InlineData("robustness.json", "[1, 2]", "robustness.json: expected a JSON object")]
    public void A_malformed_json_file_is_named(string file, string text, string expected)
    {
        string dir = SweepFolders.Sweep();
        File.WriteAllText(Path.Combine(dir, file), text);
        var e = Assert.Throws<InvalidDataException>(() => SweepFolderReader.Read(dir));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pipe_or_bad_bytes_in_place_of_a_file_is_refused_without_waiting()
    {
        string dir = SweepFolders.Sweep();
        File.Delete(Path.Combine(dir, "manifest.json"));
        Mkfifo(Path.Combine(dir, "manifest.json"));
        Assert.False(SweepFolderReader.IsSweepFolder(dir));
        Assert.Contains("named pipe", Assert.ThrowsAny<Exception>(() => SweepFolderReader.Read(dir)).Message, StringComparison.Ordinal);

        dir = SweepFolders.Sweep();
        File.Delete(Path.Combine(dir, "trials.csv"));
        Mkfifo(Path.Combine(dir, "trials.csv"));
        Assert.Contains("trials.csv: is a named pipe", Assert.ThrowsAny<Exception>(() => SweepFolderReader.Read(dir)).Message, StringComparison.Ordinal);

        dir = SweepFolders.Sweep();
        File.WriteAllBytes(Path.Combine(dir, "trials.csv"), [.. System.Text.Encoding.UTF8.GetBytes(SweepFolders.Header + "\n0,5,20,ok,"), 0xFF, 0xFE, (byte)'\n']);
        Assert.Contains("trials.csv: not valid UTF-8", Assert.Throws<InvalidDataException>(() => SweepFolderReader.Read(dir)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_metric_column_of_text_is_kept_as_text()
    {
        string header = SweepFolders.Header.Replace(",orders,", ",periods_per_year_source,orders,", StringComparison.Ordinal);
        var rows = SweepFolders.Rows[..2].Select(r => r.Replace(",aaa", ",x", StringComparison.Ordinal)).Select(r =>
        {
            var f = r.Split(',').ToList();
            f.Insert(12, "inferred: 24 bars a day");
            return string.Join(',', f);
        });
        var doc = SweepFolderReader.Read(SweepFolders.Sweep(rows: rows, header: header));
        var row = doc["trials"]!["rows"]![0]!;
        Assert.Equal("inferred: 24 bars a day", (string?)row["periods_per_year_source"]);
        Assert.DoesNotContain("periods_per_year_source", doc["trials"]!["metrics"]!.AsArray().Select(n => (string)n!));
    }

    private static void Mkfifo(string path)
    {
        using var p = System.Diagnostics.Process.Start("mkfifo", [path])!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }
}
