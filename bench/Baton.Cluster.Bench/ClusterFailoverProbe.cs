using System.Diagnostics;
using System.Globalization;
using Baton.Cluster.Contracts;
using Baton.Cluster.Hosting;
using Baton.Cluster.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;

namespace Baton.Cluster.Bench;

/// <summary>
/// <c>--failover URI NAME=PID...</c> (bench/cluster.sh): waits until a sweep on the cluster has a batch leased to
/// a worker that does not host the sweep's coordinator, kills that worker's process (SIGKILL, as kill -9), then polls the
/// coordinator's status every 20 ms and prints how long until the batch is no longer the dead worker's (queued again)
/// and until another worker holds it (leased again). Prints one line: <c>failover VICTIM HOST REQUEUED_S LEASED_S TO</c>.
/// </summary>
internal static class ClusterFailoverProbe
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan Call = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(string uri, IReadOnlyList<string> workers)
    {
        var pids = workers.Select(w => w.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        using var host = ClusterHosting.Client(ClusterAddress.Parse(uri), null);
        await host.StartAsync().ConfigureAwait(false);
        var grains = host.Services.GetRequiredService<IClusterClient>();
        var store = host.Services.GetRequiredService<ClusterStore>();
        var target = await TargetAsync(grains, store, pids).ConfigureAwait(false);
        if (target is not var (coordinator, unit, victim, coordinatorHost))
        {
            await Console.Error.WriteLineAsync($"failover: no batch leased to a worker other than the coordinator's host within {Deadline.TotalSeconds} s").ConfigureAwait(false);
            return 1;
        }
        var clock = Stopwatch.StartNew();
        using (var process = Process.GetProcessById(pids[victim])) process.Kill();
        double? requeued = null;
        while (clock.Elapsed < Deadline)
        {
            var status = await StatusAsync(coordinator).ConfigureAwait(false);
            string? holder = status?.Leases.Select(l => l.Split(' ')).FirstOrDefault(l => l[0] == unit)?[1];
            if (status is not null && holder != victim) requeued ??= clock.Elapsed.TotalSeconds;
            if (holder is not null && holder != victim)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"failover {victim} {coordinatorHost} {requeued:F2} {clock.Elapsed.TotalSeconds:F2} {holder}"));
                return 0;
            }
            await Task.Delay(20).ConfigureAwait(false);
        }
        await Console.Error.WriteLineAsync($"failover: batch {unit} of killed worker {victim} was not leased again within {Deadline.TotalSeconds} s").ConfigureAwait(false);
        return 1;
    }

    /// <summary>The first batch leased to a known worker that does not host its sweep's coordinator.</summary>
    private static async Task<(ISweepCoordinator Coordinator, string Unit, string Victim, string Host)?> TargetAsync(
        IClusterClient grains, ClusterStore store, IReadOnlyDictionary<string, int> pids)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Deadline)
        {
            foreach (var sweep in await store.ActiveSweepsAsync().ConfigureAwait(false))
            {
                var coordinator = grains.GetGrain<ISweepCoordinator>(sweep);
                if (await StatusAsync(coordinator).ConfigureAwait(false) is not { } status) continue;
                foreach (var lease in status.Leases.Select(l => l.Split(' ')))
                    if (lease[1] != status.Host && pids.ContainsKey(lease[1])) return (coordinator, lease[0], lease[1], status.Host);
            }
            await Task.Delay(50).ConfigureAwait(false);
        }
        return null;
    }

    private static async Task<SweepStatus?> StatusAsync(ISweepCoordinator coordinator)
    {
        try
        {
            return await coordinator.Status().WaitAsync(Call).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            return null;
        }
    }
}
