using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Engine.Data.Files;

namespace Baton.Research.Report;

/// <summary>
/// A sweep or walk-forward folder as one JSON document for the views: <c>{"kind", "manifest", "trials",
/// "robustness", "walkforward"}</c>. <c>manifest</c>, <c>robustness</c> and <c>walkforward</c> are the folder's files
/// as written (the contracts' shapes); <c>trials</c> is <c>trials.csv</c> read by <see cref="TrialsCsv"/>. The optional
/// files are null when absent; <c>trials.csv</c> is required of a sweep, optional for a walk-forward (its trials are
/// per window). A file that breaks its contract throws <see cref="InvalidDataException"/> naming the file and what is
/// wrong.
/// </summary>
public static class SweepFolderReader
{
    public const string ManifestFile = "manifest.json";
    public const string RobustnessFile = "robustness.json";
    public const string WalkForwardFile = "walkforward.json";

    /// <summary>The largest JSON file read (a manifest, robustness.json, walkforward.json are far smaller).</summary>
    public const long MaxJsonBytes = 64L << 20;

    /// <summary>True when <paramref name="directory"/> holds a manifest whose kind is sweep or walkforward.</summary>
    public static bool IsSweepFolder(string directory)
    {
        string path = Path.Combine(directory, ManifestFile);
        // not a regular file (a pipe, a folder) or too large: not a sweep's; the run's reader says what is wrong
        if (InputFile.Problem(path, MaxJsonBytes) is not null) return false;
        try
        {
            return JsonNode.Parse(InputFile.ReadUtf8(path, MaxJsonBytes)) is JsonObject o
                && o["kind"] is JsonValue k && k.TryGetValue(out string? kind) && kind is "sweep" or "walkforward";
        }
        catch (Exception e) when (e is JsonException or InputFileException or IOException)
        {
            return false;
        }
    }

    public static JsonObject Read(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"{directory}: no such folder");
        var manifest = ReadObject(directory, ManifestFile)
            ?? throw new FileNotFoundException($"{Path.Combine(directory, ManifestFile)}: missing; a sweep folder starts with its manifest");
        string kind = Kind(directory, manifest);
        var parameters = Parameters(Path.Combine(directory, ManifestFile), manifest);
        string trialsPath = Path.Combine(directory, TrialsCsv.FileName);
        JsonObject? trials = File.Exists(trialsPath) ? TrialsCsv.Read(trialsPath, parameters)
            : kind == "sweep" ? throw new FileNotFoundException($"{trialsPath}: missing; a sweep folder has one row per trial there")
            : null;
        return new JsonObject
        {
            ["kind"] = kind,
            ["manifest"] = manifest,
            ["trials"] = trials,
            ["robustness"] = ReadObject(directory, RobustnessFile),
            ["walkforward"] = ReadObject(directory, WalkForwardFile),
        };
    }

    private static string Kind(string directory, JsonObject manifest)
    {
        string? kind = manifest["kind"] is JsonValue k && k.TryGetValue(out string? s) ? s : null;
        return kind is "sweep" or "walkforward" ? kind
            : throw new InvalidDataException($"{Path.Combine(directory, ManifestFile)}: kind is '{kind}', expected sweep or walkforward " +
                "(a run's folder gets its report from baton report too)");
    }

    private static List<string> Parameters(string path, JsonObject manifest)
    {
        if (manifest["parameters"] is not JsonArray list)
            throw new InvalidDataException($"{path}: parameters is missing, expected [{{\"name\", \"values\"}}, ...]");
        var names = new List<string>();
        foreach (var item in list)
        {
            if (item is not JsonObject p || p["name"] is not JsonValue n || !n.TryGetValue(out string? name) || name.Length == 0
                || p["values"] is not JsonArray values || values.Any(v => v is not JsonValue))
                throw new InvalidDataException($"{path}: parameters[{names.Count}] is not {{\"name\": text, \"values\": [texts]}}");
            if (names.Contains(name)) throw new InvalidDataException($"{path}: parameter '{name}' is listed twice");
            names.Add(name);
        }
        return names;
    }

    private static JsonObject? ReadObject(string directory, string file)
    {
        string path = Path.Combine(directory, file);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonNode.Parse(InputFile.ReadUtf8(path, MaxJsonBytes)) as JsonObject
                ?? throw new InvalidDataException($"{path}: expected a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {FirstSentence(e.Message)}");
        }
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
