using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Baton.Web.Tests;

/// <summary>Sweeps through the API of the real <c>baton serve</c>: a small grid runs into a sweep folder under the data
/// directory; requests that are not a sweep of a catalogued strategy's declared parameters are refused with one line
/// naming the field, and start nothing.</summary>
public sealed class SweepApiTests(SweepApiTests.Server shared) : IClassFixture<SweepApiTests.Server>
{
    /// <summary>One server for the bad requests (none of them starts anything).</summary>
    public sealed class Server : IAsyncLifetime
    {
        public BatonServer Instance { get; private set; } = null!;

        public async Task InitializeAsync() => Instance = await BatonServer.StartAsync();

        public async Task DisposeAsync() => await Instance.DisposeAsync();
    }

    [Fact]
    public async Task A_small_sweep_writes_its_folder_and_lists_it()
    {
        await using var server = await BatonServer.StartAsync();
        using var client = BatonServer.Client(server.Address);
        string id = await StartAsync(client, new
        {
            strategy = "sma_crossover.yaml", parameters = new[] { P("fast_period", "5,10"), P("slow_period", "20..30:10") }, where = "fast_period < slow_period",
            jobs = 1,
        });
        var sweep = await WaitAsync(client, id);
        Assert.Equal("succeeded", sweep.GetProperty("status").GetString());
        Assert.Equal("sma_crossover.yaml", sweep.GetProperty("origin").GetProperty("strategy").GetString());
        string dir = Path.Combine(server.Root, "data", "sweeps", id);
        Assert.True(File.Exists(Path.Combine(dir, "report.html")));
        var lines = File.ReadAllLines(Path.Combine(dir, "trials.csv"));
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("trial,fast_period,slow_period,status,error,score,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("3,10,30,ok,,", lines[4], StringComparison.Ordinal);
        var data = await client.GetFromJsonAsync<JsonElement>($"/api/sweeps/{id}/data");
        Assert.Equal(4, data.GetProperty("trials").GetProperty("rows").GetArrayLength());
        var list = await client.GetFromJsonAsync<JsonElement>("/api/sweeps");
        Assert.Equal([id], list.EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/sweeps/{id}/report.html")).StatusCode);
    }

    [Fact]
    public async Task A_walk_forward_writes_its_windows_and_report()
    {
        await using var server = await BatonServer.StartAsync();
        using var client = BatonServer.Client(server.Address);
        string id = await StartAsync(client, new
        {
            strategy = "sma_crossover.yaml", parameters = new[] { P("fast_period", "5,10"), P("slow_period", "20,30") }, train = "2M", test = "1M", jobs = 1,
        });
        var sweep = await WaitAsync(client, id);
        Assert.Equal("succeeded", sweep.GetProperty("status").GetString());
        Assert.Equal("walkforward", sweep.GetProperty("kind").GetString());
        var data = await client.GetFromJsonAsync<JsonElement>($"/api/sweeps/{id}/data");
        Assert.Equal("walkforward", data.GetProperty("kind").GetString());
        var windows = data.GetProperty("walkforward").GetProperty("windows");
        Assert.True(windows.GetArrayLength() >= 2, windows.ToString());
        Assert.All(windows.EnumerateArray(), w => Assert.Equal(4, w.GetProperty("trials").GetInt32()));
        Assert.Equal(JsonValueKind.Null, data.GetProperty("trials").ValueKind);
        var log = await client.GetStringAsync($"/api/sweeps/{id}/events");
        Assert.Contains("data: window 2/", log, StringComparison.Ordinal);
    }

    public static TheoryData<string, HttpStatusCode, string> BadRequests => new()
    {
        { """{"strategy": "sma_crossover.yaml", "parameters": [{"name": "fast_period", "values": "5,10"}], "train": "2X", "test": "1M"}""", HttpStatusCode.BadRequest, "train '2X': expected" },
        { """{"strategy": "sma_crossover.yaml", "parameters": [{"name": "fast_period", "values": "5,10"}], "train": "2M"}""", HttpStatusCode.BadRequest, "test: give the test length" },
        { """{"strategy": "nope.yaml", "parameters": [{"name": "fast_period", "values": "5,10"}]}""", HttpStatusCode.NotFound, "no strategy named 'nope.yaml'" },
        { """{"strategy": "../sma_crossover.yaml", "parameters": [{"name": "fast_period", "values": "5,10"}]}""", HttpStatusCode.NotFound, "no strategy named" },
        { """{"strategy": "sma_crossover.yaml", "parameters": []}""", HttpStatusCode.BadRequest, "parameters: give at least one" },
        { """{"strategy": "sma_crossover.yaml", "parameters": [{"name": "fats_period", "values": "5,10"}]}""", HttpStatusCode.BadRequest, "fats_period" },
        { """{"strategy": "sma_crossover.yaml", "parameters": [{"name": "../x", "values": "5,10"}]}""", HttpStatusCode.BadRequest, "'../x' is not a parameter name" },
        { """{"strategy": "sma_crossover.yaml", "parameters": [{"name": "fast_period", "values": "1..1000000:1"}, {"name": "slow_period", "values": "1..100:1"}]}""",
            HttpStatusCode.BadRequest, "more than" },
        { """{"strategy": "sma_crossover.yaml", "parameters": [{"name": "fast_period", "values": "1..500:1"}, {"name": "slow_period", "values": "1..100:1"}]}""",
            HttpStatusCode.BadRequest, "more than the dashboard runs (20,000)" },
        { """{"strategy": "sma_crossover.yaml", "parameters": [{"name": "fast_period", "values": "5,10"}], "where": "fast_period <"}""", HttpStatusCode.BadRequest, "where" },
        { """{"strategy": "sma_crossover.yaml", "parameters": [{"name": "fast_period", "values": "5,10"}], "where": "fast_period > 100"}""", HttpStatusCode.BadRequest, "where" },
        { """{"strategy": "sma_crossover.yaml", "parameters": [{"name": "fast_period", "values": "5,10"}], "objective": "luck"}""", HttpStatusCode.BadRequest, "unknown objective 'luck'" },
        { """{"strategy": "sma_crossover.yaml", "parameters": [{"name": "fast_period", "values": "5,10"}], "search": "magic"}""", HttpStatusCode.BadRequest, "magic" },
        { """{"strategy": "sma_crossover.yaml", "parameters": [{"name": "fast_period", "values": "5,10"}], "jobs": 0}""", HttpStatusCode.BadRequest, "jobs: 0, expected 1 to" },
        { """{"strategy": "sma_crossover.yaml", "parameters": [{"name": "fast_period", "values": "5,10"}], "trials": -3}""", HttpStatusCode.BadRequest, "trials: -3" },
        { """{"strategy": "sma_crossover.yaml", "parameters": [{"name": "fast_period", "values": "NaN,1e308"}]}""", HttpStatusCode.BadRequest, "fast_period" },
        { """{"strategy": "sma_crossover.yaml", "parameters": [{"name": "fast_period", "values": "5,10"}], "data": "file:../../etc/passwd"}""", HttpStatusCode.BadRequest, "unknown data choice" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_sweep_request_is_refused_naming_the_field(string body, HttpStatusCode status, string expected)
    {
        using var client = BatonServer.Client(shared.Instance.Address);
        var response = await client.PostAsync("/api/sweeps", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {text}");
        string error = JsonDocument.Parse(text).RootElement.GetProperty("error").GetString()!;
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error, StringComparison.Ordinal);
        Assert.Empty(await client.GetFromJsonAsync<JsonElement[]>("/api/sweeps") ?? []);
    }

    internal static object P(string name, string values) => new { name, values };

    internal static async Task<string> StartAsync(HttpClient client, object body)
    {
        var started = await client.PostAsJsonAsync("/api/sweeps", body);
        string text = await started.Content.ReadAsStringAsync();
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    internal static async Task<JsonElement> WaitAsync(HttpClient client, string id)
    {
        JsonElement sweep;
        do
        {
            await Task.Delay(100);
            sweep = await client.GetFromJsonAsync<JsonElement>($"/api/sweeps/{id}");
        }
        while (sweep.GetProperty("status").GetString() == "running");
        return sweep;
    }
}
