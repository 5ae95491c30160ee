using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Baton.Research.Objectives;
using Baton.Research.Report;
using Baton.Web.Backtests;
using Baton.Web.Research;
using Baton.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Baton.Web.Api;

/// <summary>Sweeps: <c>POST /api/sweeps</c> (start), <c>/api/sweeps</c> (list), <c>/api/sweeps/{id}</c>,
/// <c>/api/sweeps/{id}/events</c> (progress and log), <c>/api/sweeps/{id}/data</c> (the folder as the sweep views draw
/// it), <c>/api/sweeps/{id}/report.html</c> and <c>POST /api/sweeps/{id}/cancel</c>. A request names a strategy of the
/// catalog and carries only parameter names and values: never a path.</summary>
internal static partial class SweepApi
{
    private const int MaxParameters = 8;
    private const int MaxText = 300;
    private static readonly string[] Searches = ["grid", "random", "tpe"];

    internal sealed record ParameterBody(string? Name, string? Values);

    internal sealed record SweepBody(string? Strategy, List<ParameterBody>? Parameters, string? Where, string? Objective, string? Search,
        int? Trials, int? Seed, int? Jobs, string? Data, string? From, string? To)
    {
        /// <summary>Walk-forward windows (<c>6M</c>, <c>30d</c>); a sweep when <see cref="Train"/> is empty.</summary>
        public string? Train { get; init; }
        public string? Test { get; init; }
        public string? Step { get; init; }
        public bool Anchored { get; init; }
    }

    public static void Map(WebApplication app)
    {
        app.MapPost("/api/sweeps", Start).WithMetadata(new BodyLimit(BodyLimit.Default));
        app.MapGet("/api/sweep-options", (SweepService sweeps) => Results.Ok(new
        {
            Available = sweeps.IsAvailable, Objectives = Objective.Names, Searches,
            MaxTrials = SweepService.MaxTrials, Cores = Environment.ProcessorCount,
        }));
        app.MapGet("/api/sweeps", (SweepService sweeps) => Results.Ok(sweeps.Ids().Select(id => Describe(sweeps, id)).OfType<object>().ToList()));
        app.MapGet("/api/sweeps/{id}", (string id, SweepService sweeps) => Describe(sweeps, id) is { } d ? Results.Ok(d) : Results.NotFound());
        app.MapGet("/api/sweeps/{id}/events", (string id, SweepService sweeps, CancellationToken token) =>
            sweeps.Log(id) is { } log
                ? TypedResults.ServerSentEvents(EventStreams.UntilStopping(log.ReadAsync, token, sweeps.Stopping))
                : Finished(sweeps, id) is { } ended ? TypedResults.ServerSentEvents(EventStreams.UntilStopping(ended.ReadAsync, token, sweeps.Stopping))
                : Results.NotFound()).WithMetadata(EventStreamEndpoint.Instance);
        app.MapGet("/api/sweeps/{id}/data", (string id, SweepService sweeps) =>
        {
            if (Done(sweeps, id) is not { } dir) return Results.NotFound();
            try
            {
                return Results.Text(SweepFolderReader.Read(dir).ToJsonString(), "application/json");
            }
            catch (Exception e) when (e is InvalidDataException or Baton.Engine.Data.Files.InputFileException)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status500InternalServerError);
            }
        });
        app.MapGet("/api/sweeps/{id}/report.html", (string id, SweepService sweeps, HttpContext context) =>
        {
            if (Done(sweeps, id) is not { } dir) return Results.NotFound();
            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";
            return Results.File(Path.Combine(dir, SweepReportPage.FileName), "text/html; charset=utf-8");
        });
        app.MapPost("/api/sweeps/{id}/cancel", (string id, SweepService sweeps) => sweeps.Cancel(id)
            ? Results.Accepted($"/api/sweeps/{id}")
            : Results.NotFound(new { Error = "no sweep in progress with this id" })).WithMetadata(BodyLimit.Small);
    }

    private static IResult Start(SweepBody body, StrategyCatalog catalog, SweepService sweeps)
    {
        if (!sweeps.IsAvailable) return Results.Json(new { Error = "this server cannot run sweeps" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        string? path = catalog.Resolve(body.Strategy);
        if (path is null) return Results.NotFound(new { Error = $"no strategy named '{ErrorEcho.Cut(body.Strategy)}' in the strategies folder" });
        try
        {
            string id = sweeps.Start(Request(body, path), new SweepOrigin(body.Strategy!, Blank(body.Data), Blank(body.From), Blank(body.To)));
            return Results.Accepted($"/api/sweeps/{id}", new { Id = id });
        }
        catch (ResearchRequestException e)
        {
            return Results.BadRequest(new { Error = ErrorEcho.Cut(e.Message, 2 * ErrorEcho.MaxText) });
        }
        catch (RunQueueFullException e)
        {
            return Results.Json(new { Error = e.Message }, statusCode: StatusCodes.Status429TooManyRequests);
        }
    }

    /// <summary>The body checked for shape (names, lengths, counts); the factory checks the meaning.</summary>
    private static SweepRequest Request(SweepBody body, string path)
    {
        var parameters = (body.Parameters ?? []).Where(p => !string.IsNullOrWhiteSpace(p.Values)).ToList();
        if (parameters.Count == 0) throw new ResearchRequestException("parameters: give at least one parameter's values, such as 5..50:5");
        if (parameters.Count > MaxParameters) throw new ResearchRequestException($"parameters: at most {MaxParameters} at once");
        foreach (var p in parameters)
        {
            if (p.Name is null || !Name().IsMatch(p.Name)) throw new ResearchRequestException($"parameters: '{ErrorEcho.Cut(p.Name, 60)}' is not a parameter name");
            if (p.Values!.Length > MaxText) throw new ResearchRequestException($"parameters: {p.Name}'s values are longer than {MaxText} characters");
        }
        if (body.Where is { Length: > MaxText }) throw new ResearchRequestException($"where: longer than {MaxText} characters");
        int cores = Environment.ProcessorCount;
        if (body.Jobs is { } jobs && (jobs < 1 || jobs > cores)) throw new ResearchRequestException($"jobs: {jobs}, expected 1 to {cores} (this machine's cores)");
        if (body.Trials is { } trials && (trials < 1 || trials > SweepService.MaxTrials))
            throw new ResearchRequestException($"trials: {trials}, expected 1 to {SweepService.MaxTrials}");
        return new SweepRequest(path, parameters.Select(p => new SweepParameter(p.Name!, p.Values!.Trim())).ToList(), Blank(body.Where),
            Blank(body.Objective), Blank(body.Search), body.Trials, body.Seed, body.Jobs)
        {
            Data = Blank(body.Data), From = Blank(body.From), To = Blank(body.To),
            WalkForward = WalkForward(body),
        };
    }

    private static WalkForwardRequest? WalkForward(SweepBody body)
    {
        if (Blank(body.Train) is not { } train) return Blank(body.Test) is null ? null : throw new ResearchRequestException("train: give the training length, such as 2M");
        if (Blank(body.Test) is not { } test) throw new ResearchRequestException("test: give the test length, such as 1M");
        if (train.Length > 20 || test.Length > 20 || body.Step is { Length: > 20 }) throw new ResearchRequestException("train, test, step: expected lengths such as 30d, 6M, 1y");
        return new WalkForwardRequest(train, test, Blank(body.Step), body.Anchored);
    }

    /// <summary>The sweep's state: running (its log open), succeeded (its report written), or unknown.</summary>
    private static object? Describe(SweepService sweeps, string id)
    {
        var log = sweeps.Log(id);
        string? dir = Done(sweeps, id);
        if (log is { IsFinished: false }) return new { Id = id, Status = "running" };
        if (dir is null) return log is null ? null : new { Id = id, Status = "failed" };
        var manifest = Json(Path.Combine(dir, SweepFolderReader.ManifestFile));
        var origin = Json(Path.Combine(dir, SweepService.OriginFile));
        return new
        {
            Id = id, Status = "succeeded", Kind = (string?)manifest?["kind"], Strategy = (string?)manifest?["strategy"],
            Objective = (string?)manifest?["objective"],
            Parameters = (manifest?["parameters"] as JsonArray)?.Select(p => (string?)p?["name"]).ToList(),
            Origin = origin,
        };
    }

    /// <summary>The folder of a finished sweep (its report written), or null.</summary>
    private static string? Done(SweepService sweeps, string id) =>
        sweeps.FolderOf(id) is { } dir && File.Exists(Path.Combine(dir, SweepReportPage.FileName)) && sweeps.Log(id) is not { IsFinished: false } ? dir : null;

    /// <summary>A sweep of an earlier server process: just how it ended.</summary>
    private static RunLog? Finished(SweepService sweeps, string id)
    {
        if (Done(sweeps, id) is null) return null;
        var log = new RunLog();
        log.Finish("succeeded", null);
        return log;
    }

    private static JsonObject? Json(string path)
    {
        try
        {
            return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex Name();
}
