using Baton.Core.Orders;
using Baton.Core.Risk;
using Baton.Engine.Events;
using Baton.Web.Backtests;

namespace Baton.Web.Tests;

public sealed class RunLogTests
{
    [Fact]
    public async Task A_reader_gets_lines_as_they_are_written_and_the_end_once()
    {
        var log = new RunLog();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var items = log.ReadAsync(cancel.Token).GetAsyncEnumerator(cancel.Token);
        log.Write("first");
        Assert.True(await items.MoveNextAsync());
        Assert.Equal(("progress", "{\"candles\":0}"), (items.Current.EventType, items.Current.Data));
        Assert.True(await items.MoveNextAsync());
        Assert.Equal(("log", "first"), (items.Current.EventType, items.Current.Data));

        // nothing more until the engine says something: the reader waits, then gets it while the run goes on
        var next = items.MoveNextAsync().AsTask();
        await Task.Delay(200);
        Assert.False(next.IsCompleted);
        log.Report(4096);
        Assert.True(await next);
        Assert.Equal(("progress", "{\"candles\":4096}"), (items.Current.EventType, items.Current.Data));
        log.Publish(new OrderFilled(1_704_070_800_000, 1, "BTCUSDT", OrderSide.Buy, 0.5m, 42_000.5m, 21m, OrderIntent.Entry));
        log.Publish(new RiskDecided(1_704_070_800_000, "BTCUSDT", RiskVerdict.Approved, "all", "within limits", 0, 0, 1, 1));
        log.Publish(new TradingStopped(long.MinValue, "max drawdown 20% breached"));
        log.Finish("succeeded", null);
        var rest = new List<(string?, string)>();
        while (await items.MoveNextAsync()) rest.Add((items.Current.EventType, items.Current.Data));
        Assert.Equal(
        [
            ("log", "2024-01-01T01:00:00Z fill BTCUSDT buy 0.5 @ 42000.5 (entry)"),
            ("log", "stopped: max drawdown 20% breached"),
            ("end", "{\"status\":\"succeeded\",\"error\":null}"),
        ], rest);
        await items.DisposeAsync();
    }

    [Fact]
    public async Task Lines_past_the_limit_are_counted_not_kept()
    {
        var log = new RunLog();
        for (int i = 0; i < RunLog.MaxLines + 5; i++) log.Write("line " + i);
        log.Finish("failed", "bad data");
        var all = new List<(string?, string)>();
        await foreach (var item in log.ReadAsync(default)) all.Add((item.EventType, item.Data));
        Assert.Equal(RunLog.MaxLines + 1, all.Count(i => i.Item1 == "log"));
        Assert.Contains(("log", "… 5 more lines not shown"), all);
        Assert.Equal(("end", "{\"status\":\"failed\",\"error\":\"bad data\"}"), all[^1]);
    }
}
