using System.CommandLine;
using System.Net;
using Baton.Engine.History;
using Baton.Postgres;
using Baton.Sqlite;
using Baton.Web;
using Baton.Web.Live;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton serve [--port N] [--bind ADDR] [--strategies DIR] [--data-dir DIR] [--db PATH|postgresql://...] [--host NAME]...
/// [--origin URL]... [--trusted-proxy ADDR]... [--max-running N] [--max-queued N] [--keep-runs N] [--runs-budget SIZE]
/// [--live STRATEGY.yaml [--replay FILE --speed N | --redis URL] [--journal PATH]] [--cluster redis://HOST:PORT [--cert FILE]]</c>:
/// the dashboard. Loopback by default; bound to any other address it requires a token, <c>$BATON_TOKEN</c> or one
/// generated and printed once. Runs go to DATA-DIR/runs, their index to DATA-DIR/history.db (SQLite) unless
/// <c>--db</c> names another file or a PostgreSQL database. With <c>--live</c> a live session runs in the server and the
/// Live page watches and stops it; with <c>--redis</c> the Live page also lists, watches and stops the sessions running in
/// their own processes on that Redis (from <c>events:live</c>). With <c>--cluster</c> the Cluster page shows that cluster's
/// workers and sweeps (<see cref="ServeCluster"/>).
/// </summary>
internal static class ServeCommand
{
    public const string TokenVariable = "BATON_TOKEN";

    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "TCP port (0 picks a free one)", DefaultValueFactory = _ => 5180 }.Between(0, 65535);
        var bind = new Option<string>("--bind") { Description = "Address to listen on; anything but loopback requires a token", DefaultValueFactory = _ => "127.0.0.1" };
        var strategies = new Option<string>("--strategies") { Description = "Folder of strategy files (searched two levels down)", DefaultValueFactory = _ => "." };
        var dataDir = new Option<string>("--data-dir") { Description = "Folder for runs and the SQLite history", DefaultValueFactory = _ => ".baton" };
        var db = new Option<string?>("--db") { Description = "Run history: a SQLite file (default DATA-DIR/history.db) or a postgresql:// URI" };
        var hosts = new Option<string[]>("--host") { Description = "Another Host name the server may be reached by (repeatable)" };
        var live = new Option<string?>("--live") { Description = "Strategy YAML to trade live (paper) inside the server, watched on the Live page" };
        var redis = new Option<string?>("--redis")
        {
            Description = "Redis URL: the Live page lists the sessions of other processes from events:live; with --live also the session's bus (without it an in-process bus fed by --replay)",
        };
        var journal = new Option<string?>("--journal") { Description = "With --live: a SQLite file (default DATA-DIR/live/<strategy>/journal.db) or a postgresql:// URI" };
        var replay = new Option<string?>("--replay") { Description = "With --live, in-process bus: candle data to publish (default: the strategy's data)" };
        var speed = new Option<double>("--speed") { Description = "With --live, in-process bus: candles per second to replay (0: as fast as possible)", DefaultValueFactory = _ => 20 }
            .Between(0, LiveParts.MaxSpeed, "candles per second; 0: as fast as possible");
        var cluster = ClusterOptions.Cluster();
        cluster.Description = "The Redis of a cluster of workers (redis://HOST:PORT, redis://:PASSWORD@HOST:PORT/DB): the Cluster page shows its workers and sweeps";
        var cert = ClusterOptions.Cert();
        var command = new Command("serve", "Serve the dashboard: strategies, backtests streamed as they run, history and comparison")
        {
            port, bind, strategies, dataDir, db, hosts, live, redis, journal, replay, speed, cluster, cert,
        };
        var serve = new ServeOptions();
        foreach (var option in serve.All) command.Options.Add(option);
        command.SetAction((result, token) => CommandRunner.RunAsync(async () =>
        {
            if (!IPAddress.TryParse(result.GetValue(bind), out var address))
                throw new CliException($"--bind {result.GetValue(bind)}: expected an IP address such as 127.0.0.1 or 0.0.0.0");
            var limits = serve.Limits(result);
            var origins = serve.PublicOrigins(result);
            var proxies = serve.TrustedProxies(result);
            bool generated = false;
            string? secret = IPAddress.IsLoopback(address) ? null : Token(out generated);
            string folder = result.GetValue(dataDir)!;
            string? dbText = result.GetValue(db);
            string strategiesFolder = result.GetValue(strategies)!;
            if (result.GetValue(cert) is not null && result.GetValue(cluster) is null) throw new CliException("--cert: only with --cluster (the cluster's certificate)");
            await using var clusterView = result.GetValue(cluster) is { } clusterUri ? ServeCluster.Create(clusterUri, result.GetValue(cert)) : null;
            await using var history = History(dbText, folder);
            await using var session = result.GetValue(live) is { } livePath
                ? await ServeLive.StartAsync(new LiveSettings(livePath, null, result.GetValue(redis), result.GetValue(journal), result.GetValue(replay), result.GetValue(speed))
                {
                    JournalFolder = Path.Combine(folder, "live"),
                    Log = m => Console.Error.WriteLine("baton serve: live: " + m),
                }).ConfigureAwait(false)
                : null;
            await using var watching = result.GetValue(redis) is { } redisUrl ? await ServeLive.WatchAsync(redisUrl).ConfigureAwait(false) : null;
            var options = new DashboardOptions(address, result.GetValue(port), secret, result.GetValue(hosts) ?? [],
                strategiesFolder, Path.Combine(folder, "runs")) { Origins = origins, TrustedProxies = proxies, Limits = limits };
            var backtests = new DashboardBacktests(strategiesFolder);
            var ports = new DashboardPorts(backtests, history, ServeLive.FeedOf(session, watching)) { Research = new DashboardResearch(backtests), Cluster = clusterView };
            await using var app = await DashboardServer.CreateAsync(options, ports, token).ConfigureAwait(false);
            await app.StartAsync(token).ConfigureAwait(false);
            string url = Address(app.Services.GetRequiredService<IServer>(), address);
            Console.Out.WriteLine($"baton serve: dashboard at {url}");
            Console.Out.WriteLine($"  strategies  {Path.GetFullPath(strategiesFolder)}");
            Console.Out.WriteLine($"  runs        {Path.GetFullPath(options.RunsFolder)}");
            Console.Out.WriteLine($"  history     {(history is PostgresRunHistory ? "PostgreSQL" : "SQLite")} {history.Description}");
            if (session is not null) Console.Out.WriteLine($"  live        {session.Description}");
            if (watching is not null) Console.Out.WriteLine($"  watching    {watching.Description}; open #/live");
            if (clusterView is not null) Console.Out.WriteLine($"  cluster     {clusterView.Address}; open #/cluster");
            if (secret is not null)
            {
                Console.Out.WriteLine(generated
                    ? $"  token       generated (shown once, set {TokenVariable} to choose it): open {url}?token={secret}"
                    : $"  token       from {TokenVariable}: open {url}?token=<the token>");
            }
            Console.Out.WriteLine("press Ctrl+C to stop");
            await Console.Out.FlushAsync(token).ConfigureAwait(false);
            // until Ctrl+C (the command's token) or SIGTERM (the host's lifetime); running backtests are cancelled
            await app.WaitForShutdownAsync(token).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    /// <summary><c>$BATON_TOKEN</c> (at least 16 characters) or a new random one.</summary>
    private static string Token(out bool generated)
    {
        generated = false;
        if (Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } given)
            return given.Length >= 16 ? given : throw new CliException($"{TokenVariable} must be at least 16 characters long");
        generated = true;
        return Baton.Web.Security.AccessPolicy.NewToken();
    }

    private static IRunHistory History(string? db, string dataDir)
    {
        if (PostgresUri.IsUri(db)) return new PostgresRunHistory(PostgresUri.Parse(db!));
        string path = db ?? Path.Combine(dataDir, "history.db");
        SqliteFiles.Check(path, "runs", "a run history", mayCreate: true);   // before a live session opens its journal
        return new SqliteRunHistory(path);
    }

    /// <summary>The address to open: the bound one (the machine's name for an any-address bind), with the real port.</summary>
    private static string Address(IServer server, IPAddress bind)
    {
        string first = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "";
        int port = Uri.TryCreate(first.Replace("[::]", "localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri.Port : 0;
        string host = bind.Equals(IPAddress.Any) || bind.Equals(IPAddress.IPv6Any) ? Dns.GetHostName()
            : bind.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{bind}]" : bind.ToString();
        return $"http://{host}:{port}/";
    }
}
