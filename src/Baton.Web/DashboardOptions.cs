using System.Net;
using Baton.Engine.History;
using Baton.Web.Backtests;
using Baton.Web.Live;

namespace Baton.Web;

/// <summary>How <c>baton serve</c> was asked to run.</summary>
/// <param name="Bind">The address to listen on; loopback unless asked otherwise.</param>
/// <param name="Port">0 picks a free port.</param>
/// <param name="Token">Required on every request when not null (always set when <paramref name="Bind"/> is not loopback).</param>
/// <param name="ExtraHosts">More Host names to answer to besides the bind address's own.</param>
/// <param name="RunsFolder">Where each run's folder goes.</param>
public sealed record DashboardOptions(IPAddress Bind, int Port, string? Token, IReadOnlyList<string> ExtraHosts, string StrategiesFolder,
    string RunsFolder)
{
    /// <summary>Public origins (<c>https://host</c>) the page is also served from, e.g. by an HTTPS reverse proxy.</summary>
    public IReadOnlyList<Uri> Origins { get; init; } = [];

    /// <summary>Proxies whose <c>X-Forwarded-Proto</c>, <c>-Host</c> and <c>-For</c> headers are believed; nobody's otherwise.</summary>
    public IReadOnlyList<IPAddress> TrustedProxies { get; init; } = [];

    /// <summary>Where each sweep's folder goes; null: <c>sweeps</c> beside <see cref="RunsFolder"/>.</summary>
    public string? SweepsFolder { get; init; }

    /// <summary>The sweeps' folder: <see cref="SweepsFolder"/> or <c>sweeps</c> beside the runs' folder.</summary>
    public string Sweeps => SweepsFolder ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(RunsFolder))!, "sweeps");

    /// <summary>How many runs may run, wait and stay.</summary>
    public RunLimits Limits { get; init; } = new();
}

/// <summary>Bounds on the dashboard's runs.</summary>
/// <param name="Running">Backtests running at once.</param>
/// <param name="Queued">Backtests waiting for a slot; one more is refused (429).</param>
/// <param name="Keep">Finished runs kept (the newest); older ones are deleted with their folders. 0: no limit.</param>
/// <param name="DiskBudget">Bytes the finished runs' folders may take together; the oldest go first, the newest always
/// stays. 0: no limit.</param>
public sealed record RunLimits(int Running = 2, int Queued = 20, int Keep = 100, long DiskBudget = 2L << 30);

/// <summary>What the composition root plugs into the dashboard.</summary>
public sealed record DashboardPorts(IBacktestFactory Backtests, IRunHistory History, ILiveFeed Live)
{
    /// <summary>Sweeps from the page; null: the server offers none.</summary>
    public Baton.Web.Research.IResearchFactory? Research { get; init; }

    /// <summary>The cluster of workers the Cluster page shows; null: none configured (no page).</summary>
    public Baton.Web.Cluster.IClusterStatusSource? Cluster { get; init; }
}
