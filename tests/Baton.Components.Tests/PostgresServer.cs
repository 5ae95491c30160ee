using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Baton.Components.Tests;

/// <summary>
/// A real PostgreSQL server of the tests' own: initdb in a temp folder, a free port on 127.0.0.1, trust
/// authentication for user <c>baton</c>; stopped and deleted on dispose. As root, the server runs as the
/// <c>postgres</c> user (PostgreSQL refuses to run as root).
/// </summary>
internal sealed class PostgresServer : IDisposable
{
    private readonly string _folder;
    private readonly bool _asPostgres;

    public PostgresServer()
    {
        _folder = Path.Combine(Path.GetTempPath(), "baton-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _asPostgres = Environment.UserName == "root";
        if (_asPostgres) Run("chown", "postgres", _folder);
        Port = FreePort();
        Server("initdb", "-D", Path.Combine(_folder, "data"), "-A", "trust", "-U", "baton", "--no-sync", "-E", "UTF8");
        Server("pg_ctl", "-D", Path.Combine(_folder, "data"), "-l", Path.Combine(_folder, "log"), "-w", "-t", "60",
            "-o", $"-p {Port} -h 127.0.0.1 -k {_folder} -c fsync=off", "start");
    }

    public int Port { get; }

    /// <summary>The URI, without a password (trust authentication).</summary>
    public string Uri => $"postgresql://baton@127.0.0.1:{Port}/postgres";

    /// <summary>Runs SQL with psql, <paramref name="input"/> on its stdin (for COPY ... FROM STDIN).</summary>
    public void Psql(string sql, string? input = null)
    {
        var info = new ProcessStartInfo("psql") { RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { Uri, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql }) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEndAsync();
        if (input is not null) p.StandardInput.Write(input);
        p.StandardInput.Close();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"psql {sql}: {stderr.Result}{stdout.Result}");
    }

    public void Dispose()
    {
        try
        {
            Server("pg_ctl", "-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private void Server(string program, params string[] args)
    {
        if (_asPostgres) Run("runuser", ["-u", "postgres", "--", program, .. args]);
        else Run(program, args);
    }

    private static void Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) { p.Kill(true); throw new TimeoutException(program); }
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)}: {stderr.Result}{stdout.Result}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
