using System.Text.Json;
using Baton.Runs.Reading;
using Baton.Runs.Report;
using Microsoft.Playwright;

namespace Baton.Runs.Tests.Report;

/// <summary>
/// The report of every example strategy, opened offline in headless Chromium at a laptop's and a phone's width:
/// every view is there, charts drew on canvases of non-zero size, tables have rows, nothing was logged as an
/// error and nothing was fetched. Screenshots go to artifacts/screenshots/.
/// </summary>
public sealed class ReportInBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    private static readonly string[] Views = ["metrics", "equity", "prices", "monthly", "trades", "risk", "orders"];

    public static TheoryData<string> Examples => new(BatonRun.Examples());

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Report_of_each_example_shows_every_view_at_laptop_and_phone_width(string example)
    {
        var browser = chromium.Browser;
        string dir = BatonRun.Backtest(example);
        var expected = Expected.Of(dir);
        foreach (var (device, width, height) in new[] { ("laptop", 1366, 900), ("phone", 390, 844) })
        {
            var (probe, problems) = await OpenAsync(browser, Path.Combine(dir, "report.html"), width, height, device == "phone",
                Path.Combine(BatonRun.Artifacts("screenshots"), $"{example}-{device}.png"));
            Assert.True(problems.Count == 0, $"{example} ({device}): " + string.Join("\n", problems));
            Check(probe, expected, $"{example} ({device})", width);
        }
    }

    private static async Task<(JsonElement Probe, List<string> Problems)> OpenAsync(IBrowser browser, string report, int width, int height,
        bool phone, string screenshot)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = 1,
            Locale = "de-DE",
            TimezoneId = "Pacific/Chatham",
        });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") problems.Add($"console {m.Type}: {m.Text}"); };
        page.PageError += (_, e) => problems.Add("page error: " + e);
        page.Request += (_, r) => { if (!r.Url.StartsWith("file:", StringComparison.Ordinal)) problems.Add("request to " + r.Url); };
        await page.GotoAsync(new Uri(report).AbsoluteUri);
        await page.WaitForFunctionAsync("() => document.documentElement.dataset.ready !== undefined", null,
            new PageWaitForFunctionOptions { Timeout = 30_000 });
        await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        var probe = await page.EvaluateAsync<JsonElement>(Probe, width);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        return (probe, problems);
    }

    private static void Check(JsonElement probe, Expected expected, string what, int width)
    {
        Assert.True(probe.GetProperty("ready").GetString() == "true", $"{what}: the report did not finish drawing");
        var views = probe.GetProperty("views").EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.All(Views, v => Assert.Contains(v, views));
        var charts = probe.GetProperty("charts").EnumerateArray().ToList();
        Assert.Equal(1 + expected.Symbols.Count, charts.Count);
        Assert.All(charts, c =>
        {
            string name = c.GetProperty("name").GetString()!;
            Assert.True(c.GetProperty("canvases").GetInt32() > 0, $"{what}: chart {name} has no canvas");
            Assert.True(c.GetProperty("width").GetDouble() > 100 && c.GetProperty("height").GetDouble() > 100,
                $"{what}: chart {name} is {c.GetProperty("width")}x{c.GetProperty("height")}");
            Assert.True(c.GetProperty("colours").GetInt32() >= 4, $"{what}: chart {name} looks blank");
        });
        Assert.Equal(expected.Symbols, charts.Skip(1).Select(c => c.GetProperty("name").GetString()!));
        Assert.Equal(expected.Fills, probe.GetProperty("fillsMarked").GetInt32());
        Assert.Equal(28, probe.GetProperty("metricRows").GetInt32());
        Assert.True(probe.GetProperty("monthCells").GetInt32() >= expected.Months, $"{what}: monthly table has too few cells");
        Assert.Equal(Math.Min(expected.Trades, 25), probe.GetProperty("tradeRows").GetInt32());
        Assert.Equal(Math.Min(expected.Orders, 15), probe.GetProperty("orderRows").GetInt32());
        Assert.True(probe.GetProperty("riskRows").GetInt32() > 0, $"{what}: no risk event row");
        Assert.Equal(expected.Stopped, probe.GetProperty("stoppedBanner").GetBoolean());
        Assert.True(probe.GetProperty("pageWidth").GetInt32() <= width, $"{what}: the page is wider than the screen ({probe.GetProperty("pageWidth")} px); sticking out: "
            + string.Join("; ", probe.GetProperty("overflow").EnumerateArray().Select(e => e.GetString())));
    }

    // Measures the page: views present, each chart's canvases (size and how many colours a grid of samples
    // shows, so a blank canvas fails), rows of each table.
    private const string Probe = """
        (screenWidth) => {
          const charts = [...document.querySelectorAll('.chart')].map((el) => {
            const canvases = [...el.querySelectorAll('canvas')];
            const colours = new Set();
            for (const c of canvases) {
              if (c.width === 0 || c.height === 0) continue;
              const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              const step = Math.max(1, Math.floor(c.width * c.height / 4000));
              for (let p = 0; p < c.width * c.height; p += step) {
                if (data[p * 4 + 3] > 0) colours.add(`${data[p * 4]},${data[p * 4 + 1]},${data[p * 4 + 2]}`);
              }
            }
            const box = el.getBoundingClientRect();
            return { name: el.dataset.symbol || 'equity', canvases: canvases.length, width: box.width, height: box.height, colours: colours.size };
          });
          const rows = (view) => document.querySelectorAll(`[data-view="${view}"] tbody tr`).length;
          return {
            ready: document.documentElement.dataset.ready,
            views: [...document.querySelectorAll('[data-view]')].map((v) => v.dataset.view),
            charts,
            fillsMarked: [...document.querySelectorAll('.price-block')].reduce((n, b) => n + Number(b.dataset.fills), 0),
            metricRows: rows('metrics'),
            monthCells: document.querySelectorAll('[data-view="monthly"] td.num').length,
            tradeRows: rows('trades'),
            orderRows: rows('orders'),
            riskRows: rows('risk'),
            stoppedBanner: document.querySelector('.stopped-banner') !== null,
            pageWidth: document.documentElement.scrollWidth,
            // Elements that stick out or whose content overflows them (scroll regions aside), to name the culprit
            // when the page is too wide.
            overflow: [...document.querySelectorAll('body *')]
              .filter((e) => !e.closest('.table-scroll')
                && (e.getBoundingClientRect().right > screenWidth + 0.5 || e.scrollWidth > e.clientWidth + 1))
              .slice(-5)
              .map((e) => `${e.tagName.toLowerCase()}${e.className ? '.' + String(e.className).split(' ').join('.') : ''} "${(e.textContent || '').trim().slice(0, 40)}" right=${Math.round(e.getBoundingClientRect().right)} scroll=${e.scrollWidth}/${e.clientWidth}`),
          };
        }
        """;

    /// <summary>What the run's own files say the report must show.</summary>
    private sealed record Expected(List<string> Symbols, int Fills, int Trades, int Orders, int Months, bool Stopped)
    {
        public static Expected Of(string dir)
        {
            var symbols = File.ReadLines(Path.Combine(dir, "candles.csv")).Skip(1).Select(l => l.Split(',')[0]).Distinct().ToList();
            using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "metrics.json")));
            var summary = metrics.RootElement.GetProperty("summary");
            var events = File.ReadLines(Path.Combine(dir, "events.jsonl")).ToList();
            int fills = events.Count(l => l.StartsWith("{\"type\":\"fill\"", StringComparison.Ordinal));
            int months = File.ReadLines(Path.Combine(dir, "equity.csv")).Skip(1).Select(l => l[..7]).Distinct().Count() - 1;
            return new Expected(symbols, fills, summary.GetProperty("trade_count").GetInt32(), summary.GetProperty("order_count").GetInt32(),
                months, events.Any(l => l.StartsWith("{\"type\":\"stopped\"", StringComparison.Ordinal)));
        }
    }
}
