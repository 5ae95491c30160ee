using Baton.Engine.History;
using Baton.Runs.Files;
using Baton.Web.Backtests;
using Baton.Web.Live;
using Baton.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Baton.Web.Api;

/// <summary>Strategies and starting backtests: <c>/api/info</c>, <c>/api/strategies</c>, <c>/api/data-choices</c>,
/// <c>POST /api/backtests</c> and the run's event stream <c>/api/backtests/{id}/events</c>.</summary>
internal static class StrategyApi
{
    /// <summary>What the page sends to start a backtest: a strategy's relative name, parameter overrides, a data choice, a window.</summary>
    internal sealed record BacktestBody(string? Strategy, Dictionary<string, string>? Parameters, string? Data, string? From, string? To);

    internal sealed record ProblemDto(int Line, int Column, string Path, string Message, string Text);

    internal sealed record StrategyDto(string File, string? Name, bool Valid, IReadOnlyList<ProblemDto> Problems,
        IReadOnlyDictionary<string, string> Parameters, IReadOnlyList<string> Symbols, string? Timeframe, string? Data);

    public static void Map(WebApplication app)
    {
        app.MapGet("/api/info", (StrategyCatalog catalog, IRunHistory history, ILiveFeed live) => Results.Ok(new
        {
            Version = RunManifest.Version, StrategiesFolder = catalog.Folder, History = history.Description, Live = live.IsAvailable,
        }));
        app.MapGet("/api/strategies", (StrategyCatalog catalog, IBacktestFactory factory) =>
            Results.Ok(catalog.Files().Select(file => Describe(file, factory.Check(catalog.Resolve(file)!))).ToList()));
        app.MapGet("/api/data-choices", (IBacktestFactory factory) => Results.Ok(factory.DataChoices()));
        app.MapPost("/api/backtests", StartAsync).WithMetadata(new BodyLimit(BodyLimit.Default));
        app.MapGet("/api/backtests/{id}/events", EventsAsync).WithMetadata(EventStreamEndpoint.Instance);
    }

    private static async Task<IResult> StartAsync(BacktestBody body, StrategyCatalog catalog, BacktestService service, CancellationToken token)
    {
        string? path = catalog.Resolve(body.Strategy);
        if (path is null) return Results.NotFound(new { Error = $"no strategy named '{ErrorEcho.Cut(body.Strategy)}' in the strategies folder" });
        var overrides = (body.Parameters ?? []).Where(p => !string.IsNullOrWhiteSpace(p.Value))
            .ToDictionary(p => p.Key, p => p.Value.Trim(), StringComparer.Ordinal);
        var request = new BacktestRequest(path, overrides, Blank(body.Data), Blank(body.From), Blank(body.To));
        try
        {
            string id = await service.StartAsync(request, body.Strategy!, token).ConfigureAwait(false);
            return Results.Accepted($"/api/runs/{id}", new { Id = id });
        }
        catch (BacktestRequestException e)
        {
            return Results.BadRequest(new { Problems = Problems(body.Strategy!, e.Problems) });
        }
        catch (RunQueueFullException e)
        {
            return Results.Json(new { Error = e.Message }, statusCode: StatusCodes.Status429TooManyRequests);
        }
    }

    /// <summary>The run's log as it goes; for a run this process did not start (its log is gone), just how it ended.</summary>
    private static async Task<IResult> EventsAsync(string id, BacktestService service, IRunHistory history, CancellationToken token)
    {
        var log = service.Log(id);
        if (log is null && await history.GetAsync(id, token).ConfigureAwait(false) is { } run)
        {
            log = new RunLog();
            log.Finish(run.Status, run.Error);
        }
        return log is null ? Results.NotFound() : TypedResults.ServerSentEvents(EventStreams.UntilStopping(log.ReadAsync, token, service.Stopping));
    }

    private static StrategyDto Describe(string file, StrategyCheck check) =>
        new(file, check.Name, check.Problems.Count == 0, Problems(file, check.Problems), check.Parameters,
            check.Symbols, check.Timeframe, check.Data);

    /// <summary>The problems as <c>baton validate</c> prints them, bounded (<see cref="ErrorEcho"/>): however many a
    /// request causes and however long what it sent, the answer stays small.</summary>
    private static List<ProblemDto> Problems(string file, IReadOnlyList<StrategyProblem> problems) =>
        ErrorEcho.Cap(problems.Select(p => Problem(file, p)).ToList(),
            more => new ProblemDto(0, 0, "", $"… and {more} more problems", $"{ErrorEcho.Cut(file, 100)}: … and {more} more problems"));

    /// <summary>A problem as <c>baton validate</c> prints it, with the file's relative name; each part cut to a bounded length.</summary>
    private static ProblemDto Problem(string file, StrategyProblem p)
    {
        string where = p.Line > 0 ? $"{file}:{p.Line}:{p.Column}: " : $"{file}: ";
        string path = ErrorEcho.Cut(p.Path, 100), message = ErrorEcho.Cut(p.Message);
        string text = ErrorEcho.Cut(where + (path.Length > 0 ? $"{path}: {message}" : message), 2 * ErrorEcho.MaxText);
        return new ProblemDto(p.Line, p.Column, path, message, text);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
