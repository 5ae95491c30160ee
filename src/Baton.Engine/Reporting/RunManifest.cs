using System.Security.Cryptography;
using System.Text.Json;

namespace Baton.Engine.Reporting;

/// <summary>
/// What a run was made of, so it can be reproduced and checked: hashes of the strategy file and the data,
/// the engine version, the resolved parameters, the data window and the seed. No wall-clock time: the same
/// inputs give a byte-identical manifest.
/// </summary>
public sealed record RunManifest(
    string EngineVersion,
    string Strategy,
    string StrategySha256,
    string Data,
    string? DataSha256,
    IReadOnlyDictionary<string, string> Parameters,
    string? From,
    string? To,
    int? Seed,
    string FillsSha256)
{
    public void Write(string path) =>
        AtomicFile.Write(path, w => w.Write(JsonSerializer.Serialize(this, Formats.IndentedJson) + "\n"));

    /// <summary>Lower-case hex SHA-256 of a file's bytes.</summary>
    public static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Lower-case hex SHA-256 of a text's UTF-8 bytes.</summary>
    public static string HashText(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    /// <summary>The engine's version, from its assembly.</summary>
    public static string Version =>
        typeof(RunManifest).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
