using Baton.Redis;
using Baton.Web.Live;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton serve --live STRATEGY.yaml</c>: one live session running inside the server process (composed as
/// <c>baton live</c> composes it), watched and stopped from the dashboard through an <see cref="InProcessLiveFeed"/>.
/// The session keeps running after its replay is done, until the server stops.
/// </summary>
internal sealed class ServeLive : IAsyncDisposable
{
    private readonly LiveRun _run;
    private readonly InProcessLiveFeed _feed;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private ServeLive(LiveRun run)
    {
        _run = run;
        _feed = new InProcessLiveFeed(run.Session, StreamLiveFeed.SessionId(run.Definition.Name), run.Definition.Name, run.Definition.Symbols);
        _running = RunAsync();
    }

    public ILiveFeed Feed => _feed;

    /// <summary>The line <c>baton serve</c> prints about the session.</summary>
    public string Description => $"{_run.Description}; watch it at #/live/{_feed.Id}";

    /// <summary>Refuses at once (no standing by inside the server) when another process holds the strategy's lease.</summary>
    public static async Task<ServeLive> StartAsync(LiveSettings settings) => new(await LiveRun.OpenAsync(settings with { StandBy = false }).ConfigureAwait(false));

    /// <summary><c>baton serve --redis URL</c>: the sessions of other processes, followed from <c>events:live</c> from now on.</summary>
    public static async Task<StreamLiveFeed> WatchAsync(string redisUrl)
    {
        RedisStreamWatch watch;
        try
        {
            watch = await RedisStreamWatch.ConnectAsync(redisUrl).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message);
        }
        var feed = new StreamLiveFeed(watch, m => Console.Error.WriteLine("baton serve: live: " + m));
        feed.Start();
        return feed;
    }

    /// <summary>What the Live page watches: the session in this server first, then those seen on <c>events:live</c>.</summary>
    public static ILiveFeed FeedOf(ServeLive? session, StreamLiveFeed? watching) => (session, watching) switch
    {
        (null, null) => NoLiveFeed.Instance,
        ({ } s, null) => s.Feed,
        (null, { } w) => w,
        ({ } s, { } w) => new CombinedLiveFeed([s.Feed, w]),
    };

    private async Task RunAsync()
    {
        await Task.Yield();
        string? failure = null;
        try
        {
            await _run.RunAsync(endAfterReplay: false, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failure = e.Message;
            await Console.Error.WriteLineAsync($"baton serve: the live session failed: {e.Message}").ConfigureAwait(false);
        }
        finally
        {
            _feed.Ended(failure);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
        _feed.Dispose();
        await _run.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
