using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Baton.Web.Live;
using Baton.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace Baton.Web.Api;

/// <summary>Live sessions through <see cref="ILiveFeed"/>: <c>/api/live</c> (availability and sessions),
/// <c>/api/live/{id}/events</c> (the session's updates as server-sent events, each named by its type) and
/// <c>POST /api/live/{id}/stop</c> (a manual stop with a reason).</summary>
internal static class LiveApi
{
    internal sealed record StopBody(string? Reason);

    public static void Map(WebApplication app)
    {
        app.MapGet("/api/live", (ILiveFeed live) => Results.Ok(new { Available = live.IsAvailable, Sessions = live.Sessions() }));
        app.MapGet("/api/live/{id}/events", (string id, ILiveFeed live, IHostApplicationLifetime lifetime, CancellationToken token) =>
            live.Sessions().Any(s => s.Id == id)
                ? TypedResults.ServerSentEvents(EventStreams.UntilStopping(t => Relay(live, id, t), token, lifetime.ApplicationStopping))
                : Results.NotFound()).WithMetadata(EventStreamEndpoint.Instance);
        app.MapPost("/api/live/{id}/stop", async (string id, StopBody? body, ILiveFeed live, CancellationToken token) =>
        {
            string reason = string.IsNullOrWhiteSpace(body?.Reason) ? "stopped from the dashboard" : ErrorEcho.Cut(body.Reason.Trim());
            return await live.StopAsync(id, reason, token).ConfigureAwait(false)
                ? Results.Accepted()
                : Results.NotFound(new { Error = $"no running live session '{ErrorEcho.Cut(id, 100)}'" });
        }).WithMetadata(BodyLimit.Small);
    }

    private static async IAsyncEnumerable<SseItem<string>> Relay(ILiveFeed live, string id, [EnumeratorCancellation] CancellationToken token)
    {
        await foreach (var update in live.SubscribeAsync(id, token).ConfigureAwait(false))
            yield return new SseItem<string>(JsonSerializer.Serialize(new { time = update.Time, data = update.Data }), update.Type);
    }
}
