using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Baton.Web.Tests;

/// <summary>
/// The dashboard's runs are bounded: a full queue refuses with 429 and says why; a waiting run shows as <c>queued</c>;
/// a queued or running run can be cancelled (or deleted) and leaves no folder; finished runs beyond <c>--keep-runs</c> or
/// <c>--runs-budget</c> are deleted, the oldest first, the newest always kept.
/// </summary>
public sealed class RunQueueTests
{
    [Fact]
    public async Task A_full_queue_refuses_and_queued_or_running_runs_can_be_cancelled_leaving_no_folder()
    {
        await using var server = await BatonServer.StartAsync(null, "--max-running", "1", "--max-queued", "1");
        server.WriteSlowStrategy(60);
        using var client = BatonServer.Client(server.Address);
        string running = await StartAsync(client, "slow.yaml");
        await WaitForAsync(client, running, "running");
        string queued = await StartAsync(client, "slow.yaml");
        Assert.Equal("queued", await StatusAsync(client, queued));
        Assert.Contains(await RunsAsync(client), r => r.GetProperty("id").GetString() == queued && r.GetProperty("status").GetString() == "queued");

        var refused = await client.PostAsJsonAsync("/api/backtests", new { strategy = "slow.yaml" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        string error = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
        Assert.Contains("--max-queued", error, StringComparison.Ordinal);
        Assert.Equal(2, (await RunsAsync(client)).Count);

        // a queued run is deleted (cancelled first), a running one cancelled: neither leaves a folder
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/runs/{queued}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/runs/{queued}")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/runs/{running}/cancel", null)).StatusCode);
        var cancelled = await WaitForAsync(client, running, "cancelled");
        Assert.Equal("cancelled from the dashboard", cancelled.GetProperty("error").GetString());
        Assert.Empty(Directory.GetDirectories(server.RunsFolder));
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/runs/{running}/cancel", null)).StatusCode);

        // the queue has room again, and a run started now runs at once
        string next = await StartAsync(client, "sma_crossover.yaml");
        await WaitForAsync(client, next, "succeeded");
    }

    /// <summary>Options, runs made → runs left (the newest).</summary>
    public static TheoryData<string[], int, int> Retention => new()
    {
        { ["--keep-runs", "2", "--runs-budget", "0"], 3, 2 },
        { ["--keep-runs", "0", "--runs-budget", "1KB"], 2, 1 },
        { ["--keep-runs", "5", "--runs-budget", "100MB"], 3, 3 },
    };

    [Theory]
    [MemberData(nameof(Retention))]
    public async Task Finished_runs_beyond_the_count_or_the_disk_budget_are_deleted_the_oldest_first(string[] options, int made, int left)
    {
        await using var server = await BatonServer.StartAsync(null, options);
        using var client = BatonServer.Client(server.Address);
        var ids = new List<string>();
        for (int i = 0; i < made; i++) ids.Add(await BatonServer.BacktestAsync(client, "sma_crossover.yaml", []));
        var kept = ids.TakeLast(left).Order(StringComparer.Ordinal).ToList();
        for (int i = 0; i < 300 && (await RunsAsync(client)).Count != left; i++) await Task.Delay(100);
        var runs = await RunsAsync(client);
        Assert.True(kept.SequenceEqual(runs.Select(r => r.GetProperty("id").GetString()!).Order(StringComparer.Ordinal)),
            $"kept {string.Join(", ", kept)}; history {string.Join(", ", runs)}; {server.Output}");
        Assert.Equal(kept, Directory.GetDirectories(server.RunsFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private static async Task<string> StartAsync(HttpClient client, string strategy)
    {
        var response = await client.PostAsJsonAsync("/api/backtests", new { strategy });
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<string> StatusAsync(HttpClient client, string id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}")).GetProperty("status").GetString()!;

    private static async Task<List<JsonElement>> RunsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/runs")).EnumerateArray().ToList();

    private static async Task<JsonElement> WaitForAsync(HttpClient client, string id, string status)
    {
        for (int i = 0; i < 600; i++)
        {
            var run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");
            if (run.GetProperty("status").GetString() == status) return run;
            await Task.Delay(100);
        }
        throw new TimeoutException($"run {id} did not become {status}");
    }
}
