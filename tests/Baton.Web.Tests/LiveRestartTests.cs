using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Baton.Web.Tests;

/// <summary>A live session stopped from the dashboard is still stopped, with its reason, after <c>baton serve</c> restarts
/// on the same journal: the reason is rebuilt from the journaled stop, not lost (<c>stop_reason: null</c>).</summary>
public sealed class LiveRestartTests
{
    [Fact]
    public async Task The_stop_reason_of_a_live_session_survives_a_restart()
    {
        await using var first = await BatonServer.StartAsync(null,
            "--live", Path.Combine("examples", "strategies", "sma_crossover.yaml"), "--speed", "50");
        using (var client = BatonServer.Client(first.Address))
        {
            await SessionAsync(client, s => s.GetProperty("state").GetString() is not ("Starting" or null));
            var stop = await client.PostAsJsonAsync("/api/live/sma-crossover/stop", new { reason = "kept across restarts" });
            Assert.Equal(HttpStatusCode.Accepted, stop.StatusCode);
            await SessionAsync(client, s => s.GetProperty("state").GetString() == "Stopped");
        }
        await using var server = await first.RestartAsync();
        using var again = BatonServer.Client(server.Address);
        var session = await SessionAsync(again, s => s.GetProperty("state").GetString() == "Stopped");
        Assert.Equal("kept across restarts", session.GetProperty("stop_reason").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await again.PostAsJsonAsync("/api/live/sma-crossover/stop", new { reason = "twice" })).StatusCode);
    }

    private static async Task<JsonElement> SessionAsync(HttpClient client, Func<JsonElement, bool> until)
    {
        JsonElement session = default;
        for (int i = 0; i < 300; i++)
        {
            session = (await client.GetFromJsonAsync<JsonElement>("/api/live")).GetProperty("sessions")[0];
            if (until(session)) return session;
            await Task.Delay(100);
        }
        throw new TimeoutException($"the live session never got there: {session}");
    }
}
