using System.Text.Json;
using Baton.Engine.History;
using Baton.Runs.Reading;
using Baton.Runs.Report;
using Baton.Web.Backtests;
using Baton.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Baton.Web.Api;

/// <summary>The history: <c>/api/runs</c> (list), <c>/api/runs/{id}</c> (entry), <c>/api/runs/{id}/data</c> (the run
/// as the report's views draw it, from <see cref="RunReader"/>), <c>/api/runs/{id}/report.html</c>,
/// <c>POST /api/runs/{id}/cancel</c> (a queued or running run) and <c>DELETE /api/runs/{id}</c> (entry and folder; a run
/// still queued or running is cancelled first).</summary>
internal static class RunApi
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/runs", async (IRunHistory history, CancellationToken token) =>
            Results.Ok(await history.ListAsync(token).ConfigureAwait(false)));
        app.MapGet("/api/runs/{id}", async (string id, IRunHistory history, CancellationToken token) =>
            await history.GetAsync(id, token).ConfigureAwait(false) is { } run ? Results.Ok(run) : Results.NotFound());
        app.MapGet("/api/runs/{id}/data", (string id, BacktestService service) =>
        {
            string? dir = service.Folder(id);
            if (dir is null || !File.Exists(Path.Combine(dir, "metrics.json"))) return Results.NotFound();
            try
            {
                return Results.Text(JsonSerializer.Serialize(RunReader.Read(dir), ReportPage.Json), "application/json");
            }
            catch (RunFileException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status500InternalServerError);
            }
        });
        app.MapGet("/api/runs/{id}/report.html", (string id, BacktestService service, HttpContext context) =>
        {
            string? file = service.Folder(id) is { } dir ? Path.Combine(dir, ReportPage.FileName) : null;
            if (file is null || !File.Exists(file)) return Results.NotFound();
            // the report is a self-contained page with inline script; it may run its own script and nothing else
            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";
            return Results.File(file, "text/html; charset=utf-8");
        });
        app.MapPost("/api/runs/{id}/cancel", (string id, BacktestService service) => service.Cancel(id)
                ? Results.Accepted($"/api/runs/{id}")
                : service.Log(id) is not null
                    ? Results.Conflict(new { Error = "the run has already ended" })
                    : Results.NotFound(new { Error = "no queued or running backtest with this id" }))
            .WithMetadata(BodyLimit.Small);
        app.MapDelete("/api/runs/{id}", DeleteAsync).WithMetadata(BodyLimit.Small);
    }

    private static async Task<IResult> DeleteAsync(string id, BacktestService service, CancellationToken token)
    {
        if (service.Log(id) is { IsFinished: false } log)
        {
            service.Cancel(id);
            try
            {
                await log.Ended.WaitAsync(TimeSpan.FromSeconds(30), token).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return Results.Conflict(new { Error = "the run was asked to stop but has not ended yet; try again in a moment" });
            }
        }
        return await service.DeleteAsync(id, token).ConfigureAwait(false) ? Results.NoContent() : Results.NotFound();
    }
}
