using Baton.Engine.Live.Sessions;
namespace Baton.Web.Live;

/// <summary>
/// Several feeds as one (<c>baton serve --live X --redis URL</c>: the session in this server and those in other processes):
/// the sessions of each in turn, a session whose strategy an earlier feed already lists left out (the in-process session
/// also publishes to <c>events:live</c>); subscribing and stopping go to the feed that lists the id.
/// </summary>
public sealed class CombinedLiveFeed(IReadOnlyList<ILiveFeed> feeds) : ILiveFeed
{
    public bool IsAvailable => feeds.Any(f => f.IsAvailable);

    public IReadOnlyList<LiveSession> Sessions() => [.. Listed().Select(x => x.Session)];

    public IAsyncEnumerable<LiveUpdate> SubscribeAsync(string sessionId, CancellationToken cancellationToken) =>
        (Owner(sessionId) ?? throw new KeyNotFoundException($"no live session '{sessionId}'")).SubscribeAsync(sessionId, cancellationToken);

    public Task<bool> StopAsync(string sessionId, string reason, CancellationToken cancellationToken) =>
        Owner(sessionId)?.StopAsync(sessionId, reason, cancellationToken) ?? Task.FromResult(false);

    private ILiveFeed? Owner(string id) => Listed().FirstOrDefault(x => x.Session.Id == id).Feed;

    private List<(ILiveFeed Feed, LiveSession Session)> Listed()
    {
        var list = new List<(ILiveFeed, LiveSession)>();
        var strategies = new HashSet<string>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var feed in feeds)
        {
            var mine = feed.Sessions().Where(s => !strategies.Contains(s.Strategy) && !ids.Contains(s.Id)).ToList();
            foreach (var s in mine) list.Add((feed, s));
            foreach (var s in mine)
            {
                strategies.Add(s.Strategy);
                ids.Add(s.Id);
            }
        }
        return list;
    }
}
