using Baton.Cluster.Contracts;
using Orleans.Runtime;

namespace Baton.Cluster.Client;

/// <summary>
/// The client's calls to coordinators: retried while no silo answers (the cluster has no worker yet, a silo died under
/// the call), each retry after a second; a warning is written once per kind of trouble. A sweep every live worker
/// refuses (its data differs, a file is missing) stops with their reasons instead of waiting forever.
/// </summary>
public sealed class ClusterCalls(TextWriter warnings)
{
    private readonly HashSet<string> _said = new(StringComparer.Ordinal);

    public async Task RunAsync(Func<Task> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        await RunAsync(async () => { await call().ConfigureAwait(false); return true; }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return await call().WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TimeoutException or OrleansException or System.Net.Sockets.SocketException)
            {
                Say("retry", "the cluster did not answer (" + e.GetType().Name + "); retrying until a worker does (Ctrl-C to stop; the same command resumes)");
            }
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes each new refusal once; throws when every live worker refused the sweep.</summary>
    public void Watch(SweepStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        foreach (var reason in status.Refusals) Say(reason, "warning: " + reason);
        if (status.Stuck)
            throw new InvalidOperationException("every worker of the cluster refused the sweep:" + Environment.NewLine + "  "
                + string.Join(Environment.NewLine + "  ", status.Refusals));
    }

    private void Say(string key, string text)
    {
        lock (_said)
            if (_said.Add(key)) warnings.WriteLine(text);
    }
}
