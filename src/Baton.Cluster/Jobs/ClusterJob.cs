using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Baton.Research.Trials;

namespace Baton.Cluster.Jobs;

/// <summary>
/// What a worker needs to run a sweep's trials: the strategy (its YAML text, never code) with the <c>--set</c> values
/// every trial shares, and the data: a path that must exist on every worker with the SHA-256 the sweep's manifest
/// records, or a <c>postgresql://</c> URI. Components the strategy names run from the worker's own machine. Stored as
/// JSON with a <see cref="Version"/>, so a later Baton refuses a job it cannot read instead of misreading it.
/// </summary>
public sealed record ClusterJob(
    string StrategyFile,
    string StrategyText,
    IReadOnlyDictionary<string, string> Fixed,
    bool Resample,
    string? Data,
    string? DataSha256,
    string? From,
    string? To)
{
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public int Version { get; init; } = CurrentVersion;

    /// <summary>The manifest of the sweep this job belongs to (its parameters, search and window): part of the key, since
    /// a trial id means a point of that sweep only.</summary>
    public string Manifest { get; init; } = "";

    /// <summary><c>--results</c>: a <c>postgresql://</c> URI of the store every worker writes the outcomes to; null
    /// for the cluster's Redis.</summary>
    public string? Results { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The sweep's key: the SHA-256 of the job (the same command on any machine gives the same key, so a
    /// re-run coordinator finds its results).</summary>
    public string Key() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ToJson())))[..32];

    public static ClusterJob Parse(string json)
    {
        ClusterJob? job;
        try { job = JsonSerializer.Deserialize<ClusterJob>(json, Json); }
        catch (JsonException e) { throw new InvalidDataException("the sweep's job is not one this Baton can read: " + e.Message); }
        if (job is null || job.Version != CurrentVersion)
            throw new InvalidDataException($"the sweep's job has version {job?.Version}; this Baton reads version {CurrentVersion} (run the same Baton on every machine)");
        if (job.StrategyText is null || job.StrategyFile is null || job.Fixed is null)
            throw new InvalidDataException("the sweep's job has no strategy");
        return job;
    }

    private static readonly JsonSerializerOptions TrialJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string TrialsToJson(IReadOnlyList<TrialSpec> trials) => JsonSerializer.Serialize(trials, TrialJson);

    public static IReadOnlyList<TrialSpec> TrialsOf(string json) =>
        JsonSerializer.Deserialize<TrialSpec[]>(json, TrialJson) ?? throw new InvalidDataException("a batch without trials");
}

/// <summary>Opens a job on a worker: the strategy loaded per trial as <c>baton backtest --set</c> would, and the data
/// source (the composition root implements it over Baton.Yaml and the data adapters). Throws
/// <see cref="InvalidDataException"/> or <see cref="IOException"/> when this machine cannot run it.</summary>
public interface IClusterWork
{
    (IStrategyVariants Variants, TrialData Data) Open(ClusterJob job);
}
