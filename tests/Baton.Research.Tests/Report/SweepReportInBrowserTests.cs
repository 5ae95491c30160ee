using System.Text.Json;
using Baton.Research.Report;
using Baton.Runs.Tests;
using Microsoft.Playwright;

namespace Baton.Research.Tests.Report;

/// <summary>
/// The sweep report opened offline in headless Chromium: the heat map's cells (scored, failed, not run) with their
/// values on hover, the ranked table best first and sortable, the sensitivity and Monte Carlo charts; a walk-forward's
/// equity with its windows marked and its windows table. Nothing logged as an error, nothing fetched.
/// </summary>
public sealed class SweepReportInBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string SweepProbe = """
        () => {
          const cells = [...document.querySelectorAll('table.heatmap td.cell')];
          return {
            ready: document.documentElement.dataset.ready,
            views: [...document.querySelectorAll('section[data-view]')].map(s => s.dataset.view),
            scored: cells.filter(c => c.classList.contains('scored')).map(c => c.title),
            failed: cells.filter(c => c.classList.contains('failed')).length,
            notRun: cells.filter(c => c.classList.contains('not-run')).map(c => c.title),
            best: document.querySelector('table.heatmap td.best')?.dataset.trial ?? null,
            corner: document.querySelector('table.heatmap th.corner')?.textContent,
            ranked: [...document.querySelectorAll('table.ranked tbody tr')].map(r => r.dataset.trial),
            sensitivity: document.querySelectorAll('figure.sensitivity svg path.line').length,
            bars: document.querySelectorAll('figure.histogram svg rect.bar').length,
            medians: document.querySelectorAll('figure.histogram svg line.mark-p50').length,
            meaning: [...document.querySelectorAll('.overfit .meaning')].map(p => p.textContent),
          };
        }
        """;

    [Fact]
    public async Task The_sweep_report_draws_the_heat_map_the_table_and_the_charts()
    {
        string report = SweepReportPage.Write(SweepFolders.Sweep());
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "de-DE", TimezoneId = "Pacific/Chatham" });
        var (page, problems) = await OpenAsync(context, report);
        var probe = await page.EvaluateAsync<JsonElement>(SweepProbe);
        Assert.Equal("true", probe.GetProperty("ready").GetString());
        Assert.Equal(["ranked", "heatmap", "sensitivity", "overfitting", "montecarlo"], Strings(probe, "views"));
        Assert.Equal("slow ╲ fast", probe.GetProperty("corner").GetString());
        Assert.Equal(["fast = 5, slow = 20: sharpe 0.50 (trial 0)", "fast = 10, slow = 20: sharpe 0.80 (trial 2)",
            "fast = 5, slow = 30: sharpe 1.20 (trial 1)", "fast = 10, slow = 30: sharpe 1.50 (trial 3)"], Strings(probe, "scored"));
        Assert.Equal(1, probe.GetProperty("failed").GetInt32());
        Assert.Equal(["fast = 15, slow = 20: not run"], Strings(probe, "notRun"));
        Assert.Equal("3", probe.GetProperty("best").GetString());
        Assert.Equal(["3", "1", "2", "0", "4"], Strings(probe, "ranked"));
        Assert.Equal(2, probe.GetProperty("sensitivity").GetInt32());
        Assert.Equal(1 + 4 + 4 + 3, probe.GetProperty("bars").GetInt32());
        Assert.Equal(4, probe.GetProperty("medians").GetInt32());
        Assert.Contains("5 trials were tried", Strings(probe, "meaning")[0], StringComparison.Ordinal);
        Assert.Contains("6 ways of splitting 4 blocks", Strings(probe, "meaning")[1], StringComparison.Ordinal);

        // sort by trial id, then swap the axes: the heat map is redrawn from the same trials
        await page.ClickAsync("table.ranked th:nth-child(2) button");
        await page.SelectOptionAsync("select.heatmap-x", "slow");
        await page.SelectOptionAsync("select.heatmap-y", "fast");
        probe = await page.EvaluateAsync<JsonElement>(SweepProbe);
        Assert.Equal(["0", "1", "2", "3", "4"], Strings(probe, "ranked"));
        Assert.Equal("fast ╲ slow", probe.GetProperty("corner").GetString());
        Assert.Equal(4, probe.GetProperty("scored").GetArrayLength());
        Assert.Equal(["slow = 20, fast = 15: not run"], Strings(probe, "notRun"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("sweep-report.png"), FullPage = true });
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task The_walk_forward_report_marks_the_windows_on_the_stitched_equity()
    {
        string report = SweepReportPage.Write(SweepFolders.WalkForwardFolder());
        await using var context = await chromium.Browser.NewContextAsync();
        var (page, problems) = await OpenAsync(context, report);
        var probe = await page.EvaluateAsync<JsonElement>("""
            () => ({
              ready: document.documentElement.dataset.ready,
              views: [...document.querySelectorAll('section[data-view]')].map(s => s.dataset.view),
              bands: [...document.querySelectorAll('figure.wf-equity rect.window-band')].map(r => Math.round(r.getBBox().width) > 0),
              line: document.querySelector('figure.wf-equity path.line')?.getAttribute('d').split('L').length,
              windows: [...document.querySelectorAll('table.windows tbody tr')].map(r => r.children[4].textContent),
            })
            """);
        Assert.Equal("true", probe.GetProperty("ready").GetString());
        Assert.Equal(["walkforward"], Strings(probe, "views"));
        Assert.Equal([true, true], probe.GetProperty("bands").EnumerateArray().Select(b => b.GetBoolean()));
        Assert.Equal(4, probe.GetProperty("line").GetInt32());
        Assert.Equal(["fast=10 slow=30", "fast=5 slow=30"], Strings(probe, "windows"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("walkforward-report.png"), FullPage = true });
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static async Task<(IPage Page, List<string> Problems)> OpenAsync(IBrowserContext context, string report)
    {
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") problems.Add($"console {m.Type}: {m.Text}"); };
        page.PageError += (_, e) => problems.Add("page error: " + e);
        page.Request += (_, r) => { if (!r.Url.StartsWith("file:", StringComparison.Ordinal)) problems.Add("request to " + r.Url); };
        await page.GotoAsync(new Uri(report).AbsoluteUri);
        await page.WaitForFunctionAsync("() => document.documentElement.dataset.ready !== undefined", null,
            new PageWaitForFunctionOptions { Timeout = 30_000 });
        return (page, problems);
    }

    private static string[] Strings(JsonElement probe, string name) =>
        probe.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();

    private static string Screenshot(string name)
    {
        string dir = Path.Combine(Baton.Research.Tests.Trials.Repository.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }
}
