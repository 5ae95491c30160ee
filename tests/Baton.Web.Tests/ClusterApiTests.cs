using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Baton.Web.Tests;

/// <summary>
/// <c>GET /api/cluster</c> of the real <c>baton serve</c>: without <c>--cluster</c> a 404 saying none is configured; with
/// one, its real <c>baton worker</c> (on a real redis-server) as <c>baton cluster status</c> lists it; once the only worker
/// is killed, a 503 naming the cluster (the read is bounded, never a hung request), and the worker again when another
/// one joins.
/// </summary>
public sealed class ClusterApiTests
{
    [Fact]
    public async Task Without_a_cluster_the_endpoint_says_none_is_configured()
    {
        await using var server = await BatonServer.StartAsync();
        using var client = BatonServer.Client(server.Address);
        var response = await client.GetAsync("/api/cluster");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.GetProperty("available").GetBoolean());
        Assert.StartsWith("no cluster configured: start baton serve with --cluster", body.GetProperty("error").GetString(), StringComparison.Ordinal);
        var options = await client.GetFromJsonAsync<JsonElement>("/api/cluster/options");
        Assert.False(options.GetProperty("available").GetBoolean());
    }

    [Fact]
    public async Task With_a_cluster_the_endpoint_lists_its_worker_and_a_dead_cluster_is_an_error()
    {
        var (_, url) = WebRedis.NewDatabase();
        await using var server = await BatonServer.StartAsync(null, "--cluster", url);
        Assert.Contains($"  cluster     {url}; open #/cluster", server.Output, StringComparison.Ordinal);
        using var client = BatonServer.Client(server.Address);
        var options = await client.GetFromJsonAsync<JsonElement>("/api/cluster/options");
        Assert.True(options.GetProperty("available").GetBoolean());
        Assert.Equal(url, options.GetProperty("address").GetString());
        // no worker yet: the cluster cannot be read, and the server says so
        var (none, noneText) = await GetAsync(client);
        Assert.True(none == HttpStatusCode.ServiceUnavailable, noneText);
        Assert.Contains(url, JsonDocument.Parse(noneText).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);

        using (var worker = BatonProcess.Start(server.Root, "worker", "--cluster", url, "--name", "api-w1", "--jobs", "1"))
        {
            await worker.WaitForAsync("worker api-w1 joined the cluster");
            var status = await PollAsync(client, (code, doc) => code == HttpStatusCode.OK && Names(doc).Contains("api-w1"), "api-w1 listed", worker);
            var w = status.GetProperty("workers").EnumerateArray().Single();
            Assert.Equal("active", w.GetProperty("status").GetString());
            Assert.Equal(1, w.GetProperty("jobs").GetInt32());
            Assert.Equal(Environment.ProcessorCount, w.GetProperty("cores").GetInt32());
            Assert.Equal(0, w.GetProperty("trials_done").GetInt64());
            Assert.Equal(JsonValueKind.Null, w.GetProperty("sweep").ValueKind);
            Assert.Equal(0, status.GetProperty("sweeps").GetArrayLength());
        }   // killed

        await PollAsync(client, (code, doc) => code == HttpStatusCode.ServiceUnavailable && doc.GetProperty("error").GetString()!.Contains(url, StringComparison.Ordinal),
            "a 503 naming the cluster once its only worker is dead");
        using var second = BatonProcess.Start(server.Root, "worker", "--cluster", url, "--name", "api-w2", "--jobs", "1");
        await second.WaitForAsync("worker api-w2 joined the cluster");
        await PollAsync(client, (code, doc) => code == HttpStatusCode.OK && Names(doc).Contains("api-w2"), "api-w2 listed after the first died", second);
    }

    private static List<string> Names(JsonElement doc) => [.. doc.GetProperty("workers").EnumerateArray().Select(w => w.GetProperty("name").GetString()!)];

    private static async Task<(HttpStatusCode, string)> GetAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/cluster");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Asks <c>/api/cluster</c> until <paramref name="done"/> (90 s at most); the last answer.</summary>
    private static async Task<JsonElement> PollAsync(HttpClient client, Func<HttpStatusCode, JsonElement, bool> done, string what, BatonProcess? worker = null)
    {
        string last = "";
        for (var deadline = DateTime.UtcNow.AddSeconds(90); DateTime.UtcNow < deadline; await Task.Delay(500))
        {
            var (code, text) = await GetAsync(client);
            last = $"{(int)code} {text}";
            var doc = JsonDocument.Parse(text).RootElement;
            if (done(code, doc)) return doc;
        }
        throw new TimeoutException($"waited 90 s for {what}; the last answer: {last}\nworker: {worker?.Output}");
    }
}
