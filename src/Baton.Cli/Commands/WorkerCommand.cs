using System.CommandLine;
using System.Net;
using Baton.Cluster.Hosting;
using Baton.Cluster.Worker;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

namespace Baton.Cli.Commands;

/// <summary><c>baton worker --cluster redis://HOST:PORT [--jobs N] [--name NAME] [--listen ADDR] [--port P]
/// [--gateway-port P] [--cert FILE]</c>: joins the cluster as an Orleans silo and runs sweeps' batches of trials until
/// stopped. Ctrl-C hands the batch in hand back and leaves the cluster (exit 0).</summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var cluster = ClusterOptions.Cluster(required: true);
        var cert = ClusterOptions.Cert();
        var jobs = new Option<int>("--jobs")
        {
            Description = "Trials run at once on this machine (default and at most: the number of cores)",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        }.Between(1, 1024);
        var name = new Option<string?>("--name") { Description = "This worker's name in baton cluster status (default HOST-PID; unique in the cluster)" };
        var listen = new Option<string>("--listen")
        {
            Description = "Address this worker listens on and gives the others (default 127.0.0.1; any other address needs --cert)",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var port = new Option<int>("--port") { Description = "Port for the other silos (default: a free one)" }.Between(0, 65535);
        var gateway = new Option<int>("--gateway-port") { Description = "Port for clients such as baton sweep --cluster (default: a free one)" }.Between(0, 65535);
        var command = new Command("worker", "Join a cluster (an Orleans silo with membership in Redis) and run sweeps' trials on this machine's cores");
        foreach (var option in new Option[] { cluster, jobs, name, listen, port, gateway, cert }) command.Options.Add(option);
        command.SetAction((result, token) => CommandRunner.RunAsync(async () =>
        {
            var address = SweepCluster.Parse(result.GetValue(cluster)!);
            if (!IPAddress.TryParse(result.GetValue(listen), out var ip))
                throw new CliException($"--listen: '{result.GetValue(listen)}' is not an IP address (such as 127.0.0.1 or 10.0.0.5)");
            string worker = result.GetValue(name) ?? $"{Environment.MachineName}-{Environment.ProcessId}";
            if (worker.Length is 0 or > 64 || worker.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
                throw new CliException($"--name: '{worker}' must be 1 to 64 characters without spaces");
            int threads = Math.Min(result.GetValue(jobs), Environment.ProcessorCount);
            var options = new WorkerHostOptions(address, new WorkerSettings(worker, threads))
            {
                Listen = ip, SiloPort = result.GetValue(port), GatewayPort = result.GetValue(gateway),
                Certificate = SweepCluster.Certificate(result.GetValue(cert)), ResultStores = ClusterWork.ResultStore,
            };
            return await RunAsync(options, token).ConfigureAwait(false);
        }));
        return command;
    }

    private static async Task<int> RunAsync(WorkerHostOptions options, CancellationToken token)
    {
        IHost host;
        try { host = ClusterHosting.Worker(options, new ClusterWork()); }
        catch (FormatException e) { throw new CliException(e.Message); }
        using (host)
        {
            try
            {
                await SweepCluster.Reach(host, options.Cluster).ConfigureAwait(false);
                await RefuseTwinAsync(host, options).ConfigureAwait(false);
                await host.StartAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return 130;
            }
            catch (Exception e) when (e is OrleansException or TimeoutException or System.Net.Sockets.SocketException)
            {
                throw new IOException($"cannot join the cluster at {options.Cluster}: {e.Message.Split('\n')[0]}");
            }
            var silo = (Orleans.Runtime.ILocalSiloDetails?)host.Services.GetService(typeof(Orleans.Runtime.ILocalSiloDetails));
            await Console.Error.WriteLineAsync($"worker {options.Worker.Name} joined the cluster at {options.Cluster} "
                + $"(silo {silo?.SiloAddress.Endpoint}, gateway {silo?.GatewayAddress?.Endpoint}, {options.Worker.Jobs} job(s)"
                + (options.Certificate is null ? "" : ", mutual TLS") + "); Ctrl-C leaves").ConfigureAwait(false);
            try { await Task.Delay(Timeout.Infinite, token).ConfigureAwait(false); }
            catch (OperationCanceledException) { }
            await Console.Error.WriteLineAsync($"worker {options.Worker.Name}: handing back its batch and leaving the cluster").ConfigureAwait(false);
            try { await host.StopAsync(CancellationToken.None).ConfigureAwait(false); }
            catch (Exception e) when (e is OperationCanceledException or OrleansException or TimeoutException)
            {
                // leaving anyway: the membership declares this silo dead and its batch is queued again
            }
            return 0;
        }
    }

    /// <summary>A worker's name is its identity in leases and refusals: one already reporting is refused.</summary>
    private static async Task RefuseTwinAsync(IHost host, WorkerHostOptions options)
    {
        var store = (Baton.Cluster.Store.ClusterStore)host.Services.GetService(typeof(Baton.Cluster.Store.ClusterStore))!;
        if (await store.ReportedWithinAsync(options.Worker.Name, TimeSpan.FromSeconds(5)).ConfigureAwait(false))
            throw new CliException($"--name {options.Worker.Name}: a worker of that name is running on the cluster at {options.Cluster}; "
                + "give each worker its own name (or wait 5 s after stopping the other)");
    }
}

/// <summary>The options every cluster command shares.</summary>
internal static class ClusterOptions
{
    public static Option<string?> Cluster(bool required = false) => new("--cluster")
    {
        Description = "The cluster's Redis: redis://HOST:PORT (redis://:PASSWORD@HOST:PORT/DB)" + (required ? "" : "; runs the trials on its workers"),
        Required = required,
    };

    public static Option<string?> Cert() => new("--cert")
    {
        Description = "The cluster's certificate (made by baton cluster cert): mutual TLS between every silo and client",
    };
}
