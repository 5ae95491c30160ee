using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Baton.Web.Tests;

/// <summary>Starting backtests through the API of the real <c>baton serve</c>: a chosen data file, overrides that make
/// the strategy invalid (located problems, nothing run), unknown strategies and data choices, the run's report.</summary>
public sealed class BacktestApiTests
{
    [Fact]
    public async Task A_backtest_runs_on_a_chosen_data_file_and_bad_requests_are_refused_with_their_problems()
    {
        await using var server = await BatonServer.StartAsync();
        using var client = BatonServer.Client(server.Address);
        var choices = await client.GetFromJsonAsync<JsonElement>("/api/data-choices");
        var eth = choices.EnumerateArray().Single(c => c.GetProperty("label").GetString() == "CSV: data/eth_1h.csv");
        string dataId = eth.GetProperty("id").GetString()!;

        var started = await client.PostAsJsonAsync("/api/backtests", new { strategy = "sma_crossover.yaml", data = dataId, from = "2024-01-05", parameters = new { } });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        string id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        JsonElement run;
        do
        {
            await Task.Delay(100);
            run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");
        }
        while (run.GetProperty("status").GetString() == "running");
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.EndsWith("eth_1h.csv", run.GetProperty("data").GetString(), StringComparison.Ordinal);
        var data = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/data");
        Assert.Equal(["BTCUSDT"], data.GetProperty("symbols").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("2024-01-05T00:00:00Z", data.GetProperty("summary").GetProperty("from").GetString());
        var report = await client.GetAsync($"/api/runs/{id}/report.html");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Contains("<!doctype html>", await report.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var invalid = await client.PostAsJsonAsync("/api/backtests", new { strategy = "sma_crossover.yaml", parameters = new { fast_period = "ten" } });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var problem = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems")[0];
        Assert.StartsWith("sma_crossover.yaml:", problem.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("period", problem.GetProperty("text").GetString(), StringComparison.Ordinal);

        var unknownData = await client.PostAsJsonAsync("/api/backtests", new { strategy = "sma_crossover.yaml", data = "file:../../etc/passwd" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownData.StatusCode);
        Assert.Contains("unknown data choice", await unknownData.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var badTime = await client.PostAsJsonAsync("/api/backtests", new { strategy = "sma_crossover.yaml", from = "yesterday" });
        Assert.Equal(HttpStatusCode.BadRequest, badTime.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/api/backtests", new { strategy = "../README.md" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/runs/..%2F..%2Fetc/data")).StatusCode);
        Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/runs")).EnumerateArray());
    }
}
