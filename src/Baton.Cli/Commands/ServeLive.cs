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
        _feed = new InProcessLiveFeed(run.Session, SessionId(run.Definition.Name), run.Definition.Name, run.Definition.Symbols);
        _running = RunAsync();
    }

    public ILiveFeed Feed => _feed;

    /// <summary>The line <c>baton serve</c> prints about the session.</summary>
    public string Description => $"{_run.Description}; watch it at #/live/{_feed.Id}";

    /// <summary>Refuses at once (no standing by inside the server) when another process holds the strategy's lease.</summary>
    public static async Task<ServeLive> StartAsync(LiveSettings settings) => new(await LiveRun.OpenAsync(settings with { StandBy = false }).ConfigureAwait(false));

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

    /// <summary>Letters, digits and dashes: the strategy's name with anything else turned into dashes.</summary>
    private static string SessionId(string name) => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
        _feed.Dispose();
        await _run.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
