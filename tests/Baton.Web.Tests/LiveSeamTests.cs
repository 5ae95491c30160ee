using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Baton.Engine.History;
using Baton.Sqlite;
using Baton.Web.Backtests;
using Baton.Web.Live;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Baton.Web.Tests;

/// <summary>
/// The Live page's rendering through the real server with a scripted <see cref="ILiveFeed"/>, at a phone's width:
/// positions and working orders as tables, the event log, the stop button (after its confirmation) and the stopped
/// banner with its reason. The real engine behind the page is tested by <see cref="LiveDashboardTests"/> (through
/// <c>baton serve --live</c>) and <see cref="InProcessLiveFeedTests"/>; this one pins the page's handling of updates the
/// test chooses.
/// </summary>
public sealed class LiveSeamTests(Chromium chromium) : IClassFixture<Chromium>
{
    [Fact]
    public async Task Live_updates_appear_and_the_stop_button_stops_the_session()
    {
        var feed = new ScriptedLiveFeed();
        string root = Path.Combine(Path.GetTempPath(), "baton-web-tests", Guid.NewGuid().ToString("N"));
        await using var history = new SqliteRunHistory(Path.Combine(root, "history.db"));
        var options = new DashboardOptions(IPAddress.Loopback, 0, null, [], root, Path.Combine(root, "runs"));
        await using var app = await DashboardServer.CreateAsync(options, new DashboardPorts(new NoBacktests(), history, feed), default);
        await app.StartAsync();
        string origin = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var (context, page, problems) = await chromium.OpenAsync(origin, phone: true);
        await using var _ = context;
        await page.GotoAsync($"{origin}/#/live");
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { NameRegex = new("sma_crossover") }).ClickAsync();
        await page.Locator(".live-portfolio dd", new PageLocatorOptions { HasText = "100000" }).First.WaitForAsync();

        feed.Publish("portfolio_update", new
        {
            equity = 101_234.5, cash = 50_000,
            positions = new[] { new { symbol = "BTCUSDT", side = "long", quantity = 0.5, entry_price = 40_100 } },
            working_orders = new[] { new { id = 7, symbol = "BTCUSDT", type = "stop", price = 39_000 } },
        });
        feed.Publish("fill", new { symbol = "BTCUSDT", side = "buy", quantity = 0.5, price = 40_100 });
        await page.Locator(".live-portfolio dd", new PageLocatorOptions { HasText = "101234.5" })
            .WaitForAsync(new LocatorWaitForOptions { Timeout = 2_000 });
        Assert.Equal(["BTCUSDT", "long", "0.5", "40100"], await page.Locator("[data-list='positions'] tbody td").AllInnerTextsAsync());
        Assert.Equal("stop", await page.Locator("[data-list='working orders'] tbody td").Nth(2).InnerTextAsync());
        await page.Locator(".log-lines li", new PageLocatorOptions { HasText = "fill" }).WaitForAsync(new LocatorWaitForOptions { Timeout = 2_000 });

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Stop trading" }).ClickAsync();
        Assert.Equal("stopped from the dashboard", await feed.Stopped.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        var banner = page.Locator(".stopped-banner");
        await banner.WaitForAsync(new LocatorWaitForOptions { Timeout = 2_000 });
        Assert.Contains("stopped from the dashboard", await banner.InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Stop trading" }).IsDisabledAsync());
        int width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the Live page is {width} px wide on a 390 px screen");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BatonServer.Screenshot("dashboard-live-stopped-phone"), FullPage = true });
        Assert.Empty(problems);
        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await app.StopAsync();
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10), $"stopping the server took {stopping.Elapsed} with a page still open");
    }

    /// <summary>Stands in for the live engine: one session, updates published by the test, a stop that is recorded.</summary>
    private sealed class ScriptedLiveFeed : ILiveFeed
    {
        private readonly List<Channel<LiveUpdate>> _subscribers = [];
        private string _state = "Trading";
        private string? _reason;

        public TaskCompletionSource<string> Stopped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool IsAvailable => true;

        public IReadOnlyList<LiveSession> Sessions() => [new LiveSession("s1", "sma_crossover", _state, _reason)];

        public void Publish(string type, object body)
        {
            var update = new LiveUpdate(type, 1_704_067_200_000, JsonSerializer.SerializeToElement(body));
            lock (_subscribers) foreach (var s in _subscribers) s.Writer.TryWrite(update);
        }

        public async IAsyncEnumerable<LiveUpdate> SubscribeAsync(string sessionId, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var channel = Channel.CreateUnbounded<LiveUpdate>();
            channel.Writer.TryWrite(new LiveUpdate("portfolio_update", 1_704_067_200_000,
                JsonSerializer.SerializeToElement(new { equity = 100_000, cash = 100_000, positions = Array.Empty<object>() })));
            lock (_subscribers) _subscribers.Add(channel);
            await foreach (var update in channel.Reader.ReadAllAsync(cancellationToken)) yield return update;
        }

        public Task<bool> StopAsync(string sessionId, string reason, CancellationToken cancellationToken)
        {
            if (sessionId != "s1" || _state == "Stopped") return Task.FromResult(false);
            (_state, _reason) = ("Stopped", reason);
            Publish("stopped", new { reason });
            Stopped.TrySetResult(reason);
            return Task.FromResult(true);
        }
    }

    private sealed class NoBacktests : IBacktestFactory
    {
        public StrategyCheck Check(string path) => throw new NotSupportedException();

        public IReadOnlyList<DataChoice> DataChoices() => [];

        public BacktestPlan Plan(BacktestRequest request, string outputDirectory) => throw new BacktestRequestException("no backtests here");
    }
}
