using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Baton.Engine.Events;
using Baton.Runs.Files;
using Baton.Runs.Folder;
using Baton.Runs.Reading;

namespace Baton.Runs.Report;

/// <summary>
/// <c>report.html</c>: one self-contained page (styles, the views' script with its charting library, and the
/// run as JSON, all inline) that opens offline; a content security policy forbids it any network access.
/// The same inputs give the same bytes.
/// </summary>
public static class ReportPage
{
    public const string FileName = "report.html";

    /// <summary>The run as the views read it: snake_case, and safe to inline in a script element
    /// (<c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c> and quotes are escaped as <c>\u003C</c> ...).</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.Default,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(ReportJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    /// <summary>Reads the run in <paramref name="directory"/> and writes <c>report.html</c> beside its files
    /// (atomically). Returns the report's path. <paramref name="recorded"/>: see <see cref="RunReader.Read"/>.</summary>
    public static string Write(string directory, EquityHistory? recorded = null)
    {
        var run = RunReader.Read(directory, recorded);
        string path = Path.Combine(directory, FileName);
        using (var file = new AtomicFile(path))
        {
            Render(run, file.Writer.BaseStream);
            file.Commit();
        }
        return Path.GetFullPath(path);
    }

    /// <summary>The whole page for <paramref name="run"/>, as UTF-8 straight to <paramref name="output"/>: the run's JSON
    /// (megabytes on a long run) is never held as text.</summary>
    public static void Render(RunData run, Stream output)
    {
        var head = new StringBuilder(4096);
        head.Append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; ")
            .Append("style-src 'unsafe-inline'; img-src data:\">\n")
            .Append("<meta name=\"generator\" content=\"Baton ").Append(WebUtility.HtmlEncode(RunManifest.Version)).Append("\">\n")
            .Append("<title>").Append(WebUtility.HtmlEncode(run.Name)).Append(" · Baton backtest report</title>\n")
            .Append("<style>\n").Append(ReportAssets.Styles).Append("</style>\n</head>\n<body>\n")
            .Append("<div id=\"report\"><noscript>This report draws its charts and tables with JavaScript; ")
            .Append("the run's data is in the files beside it.</noscript></div>\n")
            .Append("<script id=\"baton-run\" type=\"application/json\">");
        output.Write(Encoding.UTF8.GetBytes(head.ToString()));
        JsonSerializer.Serialize(output, run, Json);
        output.Write(ReportAssets.Tail);
    }
}

/// <summary>The views' bundled script and styles, embedded at build time from <c>web/dist</c>.</summary>
internal static class ReportAssets
{
    private static string Script { get; } = ScriptSafe(Load("Baton.Runs.report.js"));

    /// <summary>What follows a sweep's JSON to the end of its page (Baton.Research's SweepReportPage): the sweep views.</summary>
    public static byte[] SweepTail { get; } = Encoding.UTF8.GetBytes("</script>\n<script>\n" + ScriptSafe(Load("Baton.Runs.sweep.js")) + "</script>\n</body>\n</html>\n");

    /// <summary>What follows the run's JSON to the end of the page, as UTF-8: the views' script.</summary>
    public static byte[] Tail { get; } = Encoding.UTF8.GetBytes("</script>\n<script>\n" + Script + "</script>\n</body>\n</html>\n");

    public static string Styles { get; } = Load("Baton.Runs.report.css").Replace("</style", "<\\/style", StringComparison.OrdinalIgnoreCase);

    private static string Load(string name)
    {
        using var stream = typeof(ReportAssets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource {name} is missing: Baton.Runs was built without its web bundle");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string text = reader.ReadToEnd();
        return text.EndsWith('\n') ? text : text + "\n";
    }

    /// <summary>A script inlined in HTML must not contain <c>&lt;/script</c>; inside a JavaScript string or regex
    /// <c>&lt;\/script</c> means the same.</summary>
    private static string ScriptSafe(string script) =>
        script.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase).Replace("<!--", "<\\!--", StringComparison.Ordinal);
}
