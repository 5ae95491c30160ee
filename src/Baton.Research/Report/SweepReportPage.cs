using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Runs.Report;

namespace Baton.Research.Report;

/// <summary>
/// A sweep's or walk-forward's <c>report.html</c>: one self-contained page like a run's (<see cref="ReportPage"/>):
/// styles, the sweep views' script and the folder as one JSON document (<see cref="SweepFolderReader"/>), all inline;
/// a content security policy forbids it any network access. The same folder gives the same bytes.
/// </summary>
public static class SweepReportPage
{
    public const string FileName = "report.html";

    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.Default };

    /// <summary>Reads the folder <paramref name="directory"/> and writes its <c>report.html</c> (atomically);
    /// returns the report's full path.</summary>
    public static string Write(string directory)
    {
        var document = SweepFolderReader.Read(directory);
        string path = Path.GetFullPath(Path.Combine(directory, FileName));
        string temp = path + $".tmp-{Environment.ProcessId}";
        try
        {
            using (var file = File.Create(temp)) Render(document, file);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
        return path;
    }

    /// <summary>The whole page for <paramref name="document"/> as UTF-8.</summary>
    public static void Render(JsonObject document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        var manifest = document["manifest"] as JsonObject;
        string kind = document["kind"]?.GetValue<string>() == "walkforward" ? "walk-forward" : "sweep";
        string strategy = manifest?["strategy"] is JsonValue s && s.TryGetValue(out string? name) ? name : "strategy";
        string version = manifest?["engine_version"] is JsonValue v && v.TryGetValue(out string? ev) ? ev : "";
        var head = new StringBuilder(4096)
            .Append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; ")
            .Append("style-src 'unsafe-inline'; img-src data:\">\n")
            .Append("<meta name=\"generator\" content=\"Baton ").Append(WebUtility.HtmlEncode(version)).Append("\">\n")
            .Append("<title>").Append(WebUtility.HtmlEncode(strategy)).Append(" · Baton ").Append(kind).Append(" report</title>\n")
            .Append("<style>\n").Append(ReportAssets.Styles).Append("</style>\n</head>\n<body>\n")
            .Append("<div id=\"report\"><noscript>This report draws its charts and tables with JavaScript; ")
            .Append("the sweep's data is in the files beside it.</noscript></div>\n")
            .Append("<script id=\"baton-sweep\" type=\"application/json\">");
        output.Write(Encoding.UTF8.GetBytes(head.ToString()));
        using (var json = new Utf8JsonWriter(output, Writer)) document.WriteTo(json);
        output.Write(ReportAssets.SweepTail);
    }
}
