using System.Text.Json;
using Baton.Runs.Reading;
using Baton.Runs.Report;

namespace Baton.Runs.Tests.Report;

public class ReportPageTests
{
    [Fact]
    public void Backtest_writes_the_report_and_baton_report_rebuilds_it_byte_for_byte()
    {
        string dir = BatonRun.Backtest("breakout_multi");
        string path = Path.Combine(dir, ReportPage.FileName);
        var written = File.ReadAllBytes(path);
        File.Delete(path);
        var (exit, stdout, err) = BatonRun.Run("report", dir);
        Assert.True(exit == 0, err);
        Assert.Equal(Path.GetFullPath(path), stdout.Trim());
        Assert.Equal(written, File.ReadAllBytes(path));
        Assert.Equal(written, File.ReadAllBytes(Path.Combine(BatonRun.Backtest("breakout_multi"), ReportPage.FileName)));
    }

    [Fact]
    public void Baton_report_on_a_folder_that_is_not_a_run_fails_with_a_clear_message()
    {
        var (exit, _, err) = BatonRun.Run("report", BatonRun.TempDir());
        Assert.Equal(1, exit);
        Assert.Contains("not a run folder (no metrics.json)", err, StringComparison.Ordinal);
        (exit, _, err) = BatonRun.Run("report", Path.Combine(BatonRun.TempDir(), "missing"));
        Assert.Equal(2, exit);
        Assert.Contains("no such folder", err, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_is_self_contained_and_its_data_cannot_close_the_script()
    {
        string dir = BatonRun.TempDir();
        File.WriteAllText(Path.Combine(dir, "metrics.json"),
            """{ "summary": { "strategy": "</script><script>alert(1)</script>" }, "metrics": { "start_equity": 1 } }""");
        string html = File.ReadAllText(ReportPage.Write(dir));
        Assert.Equal(2, CountOf(html, "</script"));
        Assert.Equal(2, CountOf(html, "<script"));
        Assert.Contains("Content-Security-Policy\" content=\"default-src 'none'", html, StringComparison.Ordinal);
        Assert.Contains("<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; · Baton backtest report</title>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" src=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);

        // the inlined data parses back to the run
        int start = html.IndexOf("type=\"application/json\">", StringComparison.Ordinal) + "type=\"application/json\">".Length;
        string json = html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)];
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("</script><script>alert(1)</script>", doc.RootElement.GetProperty("name").GetString());
        Assert.Equal(RunData.CurrentFormat, doc.RootElement.GetProperty("format").GetInt32());
    }

    private static int CountOf(string text, string part)
    {
        int n = 0;
        for (int i = text.IndexOf(part, StringComparison.OrdinalIgnoreCase); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.OrdinalIgnoreCase)) n++;
        return n;
    }
}
