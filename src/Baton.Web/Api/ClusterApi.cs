using Baton.Web.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Baton.Web.Api;

/// <summary>The cluster of workers (<c>baton serve --cluster</c>): <c>/api/cluster/options</c> (is one configured; no
/// call to it) and <c>/api/cluster</c> (its workers and sweeps, as <c>baton cluster status</c> lists them). A read is
/// bounded by <see cref="ReadTimeout"/>: a dead cluster answers 503 with the reason, never a hung request; a server
/// without <c>--cluster</c> answers 404 saying so.</summary>
internal static class ClusterApi
{
    private const int ReadSeconds = 8;
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(ReadSeconds);
    private const string None = "no cluster configured: start baton serve with --cluster redis://HOST:PORT";

    public static void Map(WebApplication app, IClusterStatusSource? cluster)
    {
        app.MapGet("/api/cluster/options", () => Results.Ok(new { Available = cluster is not null, Address = cluster?.Address }));
        app.MapGet("/api/cluster", async (CancellationToken token) =>
        {
            if (cluster is null) return Results.NotFound(new { Available = false, Error = None });
            try
            {
                var status = await cluster.ReadAsync(token).WaitAsync(ReadTimeout, token).ConfigureAwait(false);
                return Results.Ok(new { Available = true, cluster.Address, status.Workers, status.Sweeps });
            }
            catch (Exception e) when (e is ClusterUnavailableException or TimeoutException)
            {
                string reason = e is TimeoutException ? "the cluster did not answer within " + ReadSeconds + " s" : e.Message;
                return Results.Json(new { Available = true, cluster.Address, Error = ErrorEcho.Cut(reason, 2 * ErrorEcho.MaxText) },
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
    }
}
