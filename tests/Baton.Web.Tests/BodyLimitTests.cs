using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Baton.Web.Tests;

/// <summary>
/// Request bodies are bounded per endpoint (413 with a message naming the limit, before the body is kept), and every
/// error that echoes its request is bounded too (at most 20 problems, each cut), so a large or hostile request gets a
/// small answer, the server's memory stays bounded, and nothing is written.
/// </summary>
public sealed class BodyLimitTests
{
    /// <summary>Method, path, body size, chunked → status.</summary>
    public static TheoryData<string, string, int, bool, HttpStatusCode> Bodies => new()
    {
        { "POST", "/api/backtests", 24_000_000, false, HttpStatusCode.RequestEntityTooLarge },
        { "POST", "/api/backtests", 24_000_000, true, HttpStatusCode.RequestEntityTooLarge },
        { "POST", "/api/backtests", 65_537, false, HttpStatusCode.RequestEntityTooLarge },
        { "POST", "/API/BACKTESTS/", 100_000, true, HttpStatusCode.RequestEntityTooLarge },
        { "POST", "/api/live/x/stop", 5_000, false, HttpStatusCode.RequestEntityTooLarge },
        { "POST", "/api/live/x/stop", 5_000, true, HttpStatusCode.RequestEntityTooLarge },
        { "DELETE", "/api/runs/20240101-000000-abcdef", 5_000, false, HttpStatusCode.RequestEntityTooLarge },
        { "POST", "/api/runs/20240101-000000-abcdef/cancel", 5_000, false, HttpStatusCode.RequestEntityTooLarge },
        { "POST", "/nowhere", 100_000, false, HttpStatusCode.RequestEntityTooLarge },
        { "POST", "/api/runs/20240101-000000-abcdef/cancel", 2_000, false, HttpStatusCode.NotFound },
        { "POST", "/api/live/x/stop", 2_000, true, HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_body_over_its_endpoints_limit_gets_413_and_a_short_answer(string method, string path, int size, bool chunked,
        HttpStatusCode expected)
    {
        await using var server = await BatonServer.StartAsync();
        using var client = BatonServer.Client(server.Address);
        var (status, answer) = await RawHttp.SendAsync(server.Address, method, path, size, chunked);
        Assert.True((int)expected == status, $"{method} {path} {size}: {status} {Encoding.UTF8.GetString(answer)}");
        Assert.True(answer.Length < 1_000, $"{answer.Length} bytes");
        if (expected == HttpStatusCode.RequestEntityTooLarge)
            Assert.Contains("bytes", JsonDocument.Parse(answer).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(server.RunsFolder) ? Directory.GetDirectories(server.RunsFolder) : []);
    }

    [Fact]
    public async Task Three_24_MB_requests_at_once_leave_the_server_small()
    {
        await using var server = await BatonServer.StartAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => RawHttp.SendAsync(server.Address, "POST", "/api/backtests", 24_000_000, i % 2 == 0)));
        foreach (var (status, answer) in responses)
        {
            Assert.Equal(413, status);
            Assert.True(answer.Length < 1_000);
        }
        Assert.True(PeakMemory(server.ProcessId) < 400L << 20, $"peak {PeakMemory(server.ProcessId) >> 20} MB");
    }

    [Fact]
    public async Task Many_unknown_parameters_get_at_most_twenty_problems_each_cut()
    {
        await using var server = await BatonServer.StartAsync();
        using var client = BatonServer.Client(server.Address);
        // within the body limit: 60 unknown keys of 900 characters each
        var parameters = Enumerable.Range(0, 60).ToDictionary(i => $"k{i:D2}" + new string('x', 900), _ => "1");
        var response = await client.PostAsJsonAsync("/api/backtests", new { strategy = "sma_crossover.yaml", parameters });
        string body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problems = JsonDocument.Parse(body).RootElement.GetProperty("problems").EnumerateArray().ToList();
        Assert.Equal(21, problems.Count);
        Assert.Equal("sma_crossover.yaml: … and 40 more problems", problems[^1].GetProperty("text").GetString());
        Assert.All(problems, p => Assert.True(p.GetProperty("text").GetString()!.Length <= 601));
        Assert.True(body.Length < 30_000, $"{body.Length} characters");

        var unknown = await client.PostAsJsonAsync("/api/backtests", new { strategy = new string('s', 60_000) });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.True((await unknown.Content.ReadAsStringAsync()).Length < 1_000);
        Assert.Empty(Directory.Exists(server.RunsFolder) ? Directory.GetDirectories(server.RunsFolder) : []);
    }

    /// <summary>The process's peak resident memory (VmHWM), in bytes.</summary>
    private static long PeakMemory(int pid)
    {
        string line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
