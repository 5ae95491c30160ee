using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Baton.Research.Report;

namespace Baton.Research.Tests.Report;

/// <summary>report.html of a sweep folder: self-contained (no address outside the page), the folder's document
/// inline and safe, the same bytes each time; and <c>baton report DIR</c> writes it for a sweep folder.</summary>
public sealed partial class SweepReportPageTests
{
    [Fact]
    public void The_page_is_self_contained_with_the_document_inline()
    {
        string dir = SweepFolders.Sweep();
        string path = SweepReportPage.Write(dir);
        Assert.Equal(Path.Combine(Path.GetFullPath(dir), "report.html"), path);
        string html = File.ReadAllText(path);
        // the SVG namespace is a name, never fetched; any other address would be
        string outside = html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal);
        Assert.DoesNotMatch(Address(), outside);
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
        Assert.Contains("<title>sma_crossover.yaml · Baton sweep report</title>", html, StringComparison.Ordinal);
        var inline = JsonNode.Parse(Inline(html));
        Assert.True(JsonNode.DeepEquals(SweepFolderReader.Read(dir), inline));
        Assert.Contains("renderSweep", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Markup_in_the_data_cannot_close_the_script_and_the_bytes_are_the_same_each_time()
    {
        string dir = SweepFolders.Sweep(rows: [.. SweepFolders.Rows[..4], "4,15,30,failed,</script><script>alert(1)</script>,,,,,,,,0,0,Initialized,0,"]);
        byte[] first = File.ReadAllBytes(SweepReportPage.Write(dir));
        byte[] second = File.ReadAllBytes(SweepReportPage.Write(dir));
        Assert.Equal(first, second);
        string html = System.Text.Encoding.UTF8.GetString(first);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Equal("</script><script>alert(1)</script>", (string?)JsonNode.Parse(Inline(html))!["trials"]!["rows"]![4]!["error"]);
        Assert.Empty(Directory.GetFiles(dir, "*.tmp-*"));
    }

    [Fact]
    public void Baton_report_writes_the_sweep_report_and_names_a_bad_row()
    {
        string dir = SweepFolders.Sweep();
        var (exit, stdout, stderr) = BatonCli.Run("report", dir);
        Assert.True(exit == 0, stderr);
        Assert.Equal(Path.Combine(Path.GetFullPath(dir), "report.html"), stdout.Trim());
        Assert.Contains("id=\"baton-sweep\"", File.ReadAllText(Path.Combine(dir, "report.html")), StringComparison.Ordinal);

        string bad = SweepFolders.Sweep(rows: ["0,5,20,ok,,NaN,0.05,0.04,nope,-0.2,12,0.5,24,10500,Trading,1000,aaa0"]);
        (exit, stdout, stderr) = BatonCli.Run("report", bad);
        Assert.Equal(2, exit);
        Assert.Contains("trials.csv line 2, column sharpe: expected a number, got 'nope'", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(bad, "report.html")));
    }

    internal static string Inline(string html)
    {
        const string open = "<script id=\"baton-sweep\" type=\"application/json\">";
        int start = html.IndexOf(open, StringComparison.Ordinal) + open.Length;
        return html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}/", RegexOptions.IgnoreCase)]
    private static partial Regex Address();
}
