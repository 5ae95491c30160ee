using System.Text.Json;
using Baton.Engine.History;
using Baton.Report;
using Baton.Web.Backtests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Baton.Web.Api;

/// <summary>The history: <c>/api/runs</c> (list), <c>/api/runs/{id}</c> (entry), <c>/api/runs/{id}/data</c> (the run
/// as the report's views draw it, from <see cref="RunReader"/>), <c>/api/runs/{id}/report.html</c>, and
/// <c>DELETE /api/runs/{id}</c> (entry and folder).</summary>
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
        app.MapDelete("/api/runs/{id}", async (string id, IRunHistory history, BacktestService service, CancellationToken token) =>
        {
            if (service.Log(id) is { IsFinished: false }) return Results.Conflict(new { Error = "the run is still going; delete it once it ends" });
            bool known = await history.DeleteAsync(id, token).ConfigureAwait(false);
            string? dir = service.Folder(id);
            bool hadFiles = dir is not null && Directory.Exists(dir);
            if (hadFiles) Directory.Delete(dir!, recursive: true);
            return known || hadFiles ? Results.NoContent() : Results.NotFound();
        });
    }
}
