namespace Baton.Engine.Strategy;

/// <summary>
/// The one gate between a name a user wrote (a strategy's <c>name:</c>, a run id) and a file or folder name: a plain
/// name has no path separator, is not <c>.</c> or <c>..</c>, is not empty or blank, has no control character and no
/// leading or trailing space, and is at most <see cref="MaxLength"/> characters. So <c>out/NAME</c> or
/// <c>live/NAME/journal.db</c> always stays inside its folder.
/// </summary>
public static class PlainName
{
    /// <summary>The longest plain name, in characters.</summary>
    public const int MaxLength = 100;

    /// <summary>Why <paramref name="name"/> cannot be a file name, or null when it can.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "expected a name, got an empty one";
        if (name.Length > MaxLength) return $"a name is at most {MaxLength} characters, got {name.Length}";
        if (name is "." or "..") return $"\"{name}\" names a folder, not a plain name";
        if (name.Trim().Length != name.Length) return "a name cannot start or end with a space";
        foreach (char c in name)
        {
            if (c is '/' or '\\') return $"a name cannot contain '{c}' (it is used as a folder name)";
            if (char.IsControl(c)) return "a name cannot contain control characters";
        }
        return null;
    }

    /// <summary><paramref name="name"/> itself when it is a plain name; otherwise throws <see cref="ArgumentException"/>
    /// saying what (<paramref name="what"/>) is wrong with it.</summary>
    public static string AsFileName(string? name, string what) =>
        Problem(name) is { } problem ? throw new ArgumentException($"{what} \"{name}\": {problem}", nameof(name)) : name!;
}
