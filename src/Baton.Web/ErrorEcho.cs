namespace Baton.Web;

/// <summary>
/// Bounds on what an error says back about its request: at most <see cref="MaxErrors"/> errors in a list (then one
/// "… N more" line) and at most <see cref="MaxText"/> characters of any one (then "…"). A request can hold any
/// number of bad keys, each as long as the body allows; its answer stays small whatever it holds.
/// </summary>
public static class ErrorEcho
{
    public const int MaxErrors = 20;
    public const int MaxText = 300;

    /// <summary><paramref name="text"/> cut at <paramref name="max"/> characters, marked with "…" when cut.</summary>
    public static string Cut(string? text, int max = MaxText)
    {
        if (text is null) return "";
        return text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");
    }

    /// <summary>The first <see cref="MaxErrors"/> items, then <paramref name="more"/> of how many were left out.</summary>
    public static List<T> Cap<T>(IReadOnlyCollection<T> items, Func<int, T> more)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(more);
        var kept = items.Take(MaxErrors).ToList();
        if (items.Count > MaxErrors) kept.Add(more(items.Count - MaxErrors));
        return kept;
    }
}
