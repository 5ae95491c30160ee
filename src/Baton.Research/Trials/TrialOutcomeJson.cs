using System.Text.Json;
using Baton.Runs.Files;

namespace Baton.Research.Trials;

/// <summary>A trial's whole outcome as one line of JSON: a sweep folder's <c>journal.jsonl</c> line and what a cluster's
/// results store holds per trial id. It reads back to an equal outcome (the same <c>trials.csv</c> bytes).</summary>
public static class TrialOutcomeJson
{
    private static readonly JsonSerializerOptions Json = new(RunJson.Indented) { WriteIndented = false };

    public static string Write(TrialOutcome outcome) => JsonSerializer.Serialize(outcome, Json);

    /// <summary>The outcome of <paramref name="text"/>; throws <see cref="InvalidDataException"/> saying why when it is
    /// not a trial this class could have written.</summary>
    public static TrialOutcome Read(string text)
    {
        TrialOutcome? outcome;
        try
        {
            outcome = JsonSerializer.Deserialize<TrialOutcome>(text, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException(e.Path is { Length: > 1 } field ? $"field {field[2..]} is not what a trial records" : "it is not the JSON object of a trial");
        }
        if (Problem(outcome) is { } problem) throw new InvalidDataException(problem);
        return outcome!;
    }

    /// <summary>What makes a parsed line not a trial this journal could have written, or null.</summary>
    private static string? Problem(TrialOutcome? o) =>
        o is null ? "it is null"
        : o.Settings is null || o.Settings.Any(s => s is null || s.Name is null || s.Value is null) ? "its parameters are missing"
        : o.Error is not null ? null
        : o.Metrics is null || o.Metrics.Trades is null ? "it has neither metrics nor an error"
        : o.FillsHash is null || o.Returns is null || o.Returns.Blocks is null ? "its fills hash or return profile is missing"
        : o.Orders < 0 || o.Candles <= 0 ? "its order or candle count is out of range"
        : null;
}
