using System.CommandLine;
using System.Text.Json;
using Baton.Cluster.Contracts;
using Baton.Cluster.Hosting;

namespace Baton.Cli.Commands;

/// <summary><c>baton cluster status --cluster URI [--json]</c> (the workers and sweeps) and <c>baton cluster cert --out
/// FILE</c> (a certificate every silo and client shares).</summary>
internal static class ClusterCommand
{
    public static Command Create()
    {
        var command = new Command("cluster", "See a cluster of workers, or make its certificate");
        command.Subcommands.Add(Status());
        command.Subcommands.Add(Cert());
        return command;
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static Command Status()
    {
        var cluster = ClusterOptions.Cluster(required: true);
        var cert = ClusterOptions.Cert();
        var json = new Option<bool>("--json") { Description = "Print the status as JSON" };
        var command = new Command("status", "List the cluster's workers (cores, trials done, current sweep) and its sweeps");
        foreach (var option in new Option[] { cluster, cert, json }) command.Options.Add(option);
        command.SetAction((result, token) => CommandRunner.RunAsync(async () =>
        {
            var (snapshot, address) = await ReadAsync(result.GetValue(cluster)!, result.GetValue(cert), token).ConfigureAwait(false);
            if (result.GetValue(json)) Console.Out.WriteLine(JsonSerializer.Serialize(snapshot, Json));
            else ClusterStatusText.Print(snapshot, address, Console.Out);
            return 0;
        }));
        return command;
    }

    /// <summary>How long <c>baton cluster status</c> waits for a worker to answer before it says none does.</summary>
    private const int StatusSeconds = 30;

    /// <summary>The cluster's workers and sweeps, or an error naming the address when no worker answers in time.</summary>
    public static async Task<(ClusterSnapshot Snapshot, string Address)> ReadAsync(string address, string? certificate, CancellationToken token)
    {
        var cluster = (await SweepCluster.StartAsync(address, certificate, token, waitForWorker: false).ConfigureAwait(false))!;
        await using (cluster.ConfigureAwait(false))
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(token);
            bounded.CancelAfter(TimeSpan.FromSeconds(StatusSeconds));
            try
            {
                var snapshot = await cluster.Calls.RunAsync(() => cluster.Grains.GetGrain<IClusterView>(0).Read(), bounded.Token).ConfigureAwait(false);
                return (snapshot, cluster.Address.ToString());
            }
            catch (OperationCanceledException) when (!token.IsCancellationRequested)
            {
                throw new IOException($"no worker of the cluster at {cluster.Address} answered within {StatusSeconds} s "
                    + $"(start one with: baton worker --cluster {cluster.Address})");
            }
        }
    }

    private static Command Cert()
    {
        var output = new Option<string>("--out") { Description = "The certificate file to write (PKCS#12 with its key; keep it secret)", Required = true };
        var command = new Command("cert", "Make the certificate every worker and client of a cluster shares (mutual TLS; the file is the secret)");
        command.Options.Add(output);
        command.SetAction((result, token) => CommandRunner.RunAsync(() =>
        {
            string path = result.GetValue(output)!;
            if (File.Exists(path) || Directory.Exists(path)) throw new CliException($"--out: {path} exists; name a new file");
            string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            if (!Directory.Exists(folder)) throw new CliException($"--out: the folder {folder} does not exist");
            string thumbprint = ClusterSecurity.Create(path);
            Console.Out.WriteLine($"wrote {path} (thumbprint {thumbprint}); copy it to every machine of the cluster and pass --cert {path}");
            return Task.FromResult(0);
        }));
        return command;
    }
}
