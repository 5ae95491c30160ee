using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Baton.Redis.Tests;

/// <summary>A redis-server of the test's own (append-only, fsync always), so the test can stop and restart it.</summary>
internal sealed class OwnRedisServer : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "baton-redis-own", Guid.NewGuid().ToString("N"));
    private Process? _process;

    public OwnRedisServer()
    {
        Directory.CreateDirectory(_dir);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        Start();
    }

    public int Port { get; }
    public string Url => $"redis://127.0.0.1:{Port}";

    public void Start()
    {
        var info = new ProcessStartInfo(TestRedis.ServerBinary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _dir,
                     "--appendonly", "yes", "--appendfsync", "always", "--save", "" })
            info.ArgumentList.Add(a);
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        for (int i = 0; i < 100; i++)
        {
            try
            {
                using var c = new TcpClient("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        throw new InvalidOperationException("redis-server did not start on port " + Port);
    }

    /// <summary>Stops the server hard (SIGKILL); with fsync always every acknowledged write is in the append-only file.</summary>
    public void Kill()
    {
        _process?.Kill();
        _process?.WaitForExit();
        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Kill();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
