using Baton.Engine.Live.Sessions;
namespace Baton.Engine.Live.Bus;

/// <summary>Runs a bus call until it succeeds: a lost bus (<see cref="BusUnavailableException"/>) is retried forever with
/// back-off (100 ms to 5 s) and logged at most every 5 s. Cancellation ends it.</summary>
internal sealed class BusRetry(LiveSessionOptions options, RateLimitedLog trouble)
{
    public async Task Run(Func<Task> action, string what, CancellationToken cancellationToken)
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));
        for (long failures = 1; ; failures++)
        {
            try
            {
                await action().ConfigureAwait(false);
                if (failures > 1) options.Log?.Invoke($"bus: {what} works again after {failures - 1} failed attempts");
                return;
            }
            catch (BusUnavailableException e)
            {
                trouble.Write($"bus: cannot {what} ({e.Message}); retrying");
                await Task.Delay(backoff.Next(), options.Clock, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
