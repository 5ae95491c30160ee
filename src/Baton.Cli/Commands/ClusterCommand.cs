using System.CommandLine;
using System.Globalization;
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
            var snapshot = await ReadAsync(result.GetValue(cluster)!, result.GetValue(cert), token).ConfigureAwait(false);
            if (result.GetValue(json)) Console.Out.WriteLine(JsonSerializer.Serialize(snapshot, Json));
            else Print(snapshot, Console.Out);
            return 0;
        }));
        return command;
    }

    /// <summary>The cluster's workers and sweeps (also the dashboard's cluster page).</summary>
    public static async Task<ClusterSnapshot> ReadAsync(string address, string? certificate, CancellationToken token)
    {
        var cluster = (await SweepCluster.StartAsync(address, certificate, token, waitForWorker: false).ConfigureAwait(false))!;
        await using (cluster.ConfigureAwait(false))
            return await cluster.Calls.RunAsync(() => cluster.Grains.GetGrain<IClusterView>(0).Read(), token).ConfigureAwait(false);
    }

    public static void Print(ClusterSnapshot snapshot, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"workers: {snapshot.Workers.Count(w => w.Status == "active")} active");
        output.WriteLine($"  {"name",-24} {"status",-9} {"cores",5} {"jobs",4} {"trials",9}  sweep");
        foreach (var w in snapshot.Workers)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {w.Name,-24} {w.Status,-9} {w.Cores,5} {w.Jobs,4} {w.TrialsDone,9}  {(w.Sweep is null ? "-" : w.Sweep[..12] + " batch " + w.Unit)}"));
        output.WriteLine($"sweeps: {snapshot.Sweeps.Length}");
        foreach (var s in snapshot.Sweeps)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {s.Sweep[..12]}  {Path.GetFileName(s.Strategy)}  {s.Done}/{s.Trials} trials, batches {s.Running} running, {s.Queued} queued, coordinator on {s.Coordinator}"));
            foreach (var refusal in s.Refusals) output.WriteLine("    refused: " + refusal);
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
            string thumbprint = ClusterSecurity.Create(path);
            Console.Out.WriteLine($"wrote {path} (thumbprint {thumbprint}); copy it to every machine of the cluster and pass --cert {path}");
            return Task.FromResult(0);
        }));
        return command;
    }
}
