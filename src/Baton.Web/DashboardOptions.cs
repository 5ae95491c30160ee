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
    string RunsFolder);

/// <summary>What the composition root plugs into the dashboard.</summary>
public sealed record DashboardPorts(IBacktestFactory Backtests, IRunHistory History, ILiveFeed Live);
