using System.Text.Json;
using Baton.Engine.Live.Sessions;

namespace Baton.Web.Live;

/// <summary>
/// The seam between the dashboard and live trading, to be implemented by the live engine (in process, or a reader
/// of the <c>events:live</c> stream) and handed to the server by the composition root. Until one is given the
/// server uses <see cref="NoLiveFeed"/> and the Live page says that no live session can be attached.
/// </summary>
public interface ILiveFeed
{
    /// <summary>False when no live engine is attached to this server.</summary>
    bool IsAvailable { get; }

    /// <summary>The live sessions that can be watched now.</summary>
    IReadOnlyList<LiveSession> Sessions();

    /// <summary>
    /// The session's updates from now on, first a <c>portfolio_update</c> with the current state, then every
    /// <c>portfolio_update</c>, <c>order</c>, <c>fill</c>, <c>risk_event</c>, <c>log</c> and <c>stopped</c> as it
    /// happens (the page shows them within a second). Ends when the session ends or the token is cancelled.
    /// Throws <see cref="KeyNotFoundException"/> for an unknown session.
    /// </summary>
    IAsyncEnumerable<LiveUpdate> SubscribeAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Stops trading in the session (a manual stop: no new orders; the portfolio moves to
    /// <c>Stopped</c> with <paramref name="reason"/>, which then arrives as a <c>stopped</c> update).
    /// False when the session is unknown or already stopped.</summary>
    Task<bool> StopAsync(string sessionId, string reason, CancellationToken cancellationToken);
}

/// <summary>A live session: its id (letters, digits, dashes), strategy and state (<c>Trading</c>, <c>Stopped</c> ...).</summary>
public sealed record LiveSession(string Id, string Strategy, string State, string? StopReason)
{
    /// <summary>Where the dashboard sees it: <c>this server</c> (<c>baton serve --live</c>) or <c>events:live</c> (a session
    /// in its own process).</summary>
    public string Source { get; init; } = "this server";

    /// <summary>Its symbols and timeframe, when known (an external session's announcement).</summary>
    public IReadOnlyList<string> Symbols { get; init; } = [];

    public string? Timeframe { get; init; }

    /// <summary>When the dashboard last heard from it (Unix ms), for sessions seen on <c>events:live</c>; 0 otherwise.</summary>
    public long LastEventAt { get; init; }
}

/// <summary>One update of a session: an event's wire name (<c>portfolio_update</c>, <c>fill</c> ...), when it
/// happened (Unix ms UTC) and its body as the engine writes it (snake_case JSON).</summary>
public sealed record LiveUpdate(string Type, long Time, JsonElement Data);

/// <summary>No live engine attached: no sessions, nothing to subscribe to or stop.</summary>
public sealed class NoLiveFeed : ILiveFeed
{
    public static readonly NoLiveFeed Instance = new();

    public bool IsAvailable => false;

    public IReadOnlyList<LiveSession> Sessions() => [];

    public IAsyncEnumerable<LiveUpdate> SubscribeAsync(string sessionId, CancellationToken cancellationToken) =>
        throw new KeyNotFoundException($"no live session '{sessionId}': no live engine is attached to this server");

    public Task<bool> StopAsync(string sessionId, string reason, CancellationToken cancellationToken) => Task.FromResult(false);
}
