using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;

namespace Baton.Web.Api;

/// <summary>Event streams end quietly when the page goes away or the server stops (so stopping never waits on an
/// open browser tab).</summary>
internal static class EventStreams
{
    public static async IAsyncEnumerable<SseItem<string>> UntilStopping(Func<CancellationToken, IAsyncEnumerable<SseItem<string>>> source,
        CancellationToken request, [EnumeratorCancellation] CancellationToken stopping)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(request, stopping);
        var items = source(both.Token).GetAsyncEnumerator(both.Token);
        await using (items.ConfigureAwait(false))
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await items.MoveNextAsync().ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }
                if (!more) yield break;
                yield return items.Current;
            }
        }
    }
}
