using System.Text;

namespace Baton.Engine.Data.Files;

/// <summary>
/// Bounds input echoed in a message (a CSV header, a value, a path): at most <see cref="MaxLength"/> characters, then
/// <c>...</c> and how long the whole was, with control characters shown as <c>?</c>, so a 10 MB line or a binary
/// file never floods a terminal or a log.
/// </summary>
public static class Excerpt
{
    /// <summary>Characters of input shown at most.</summary>
    public const int MaxLength = 80;

    /// <summary>The first <see cref="MaxLength"/> characters of <paramref name="text"/>, then <c>... (N characters)</c>.</summary>
    public static string Of(string? text)
    {
        if (text is null) return "";
        string shown = Clean(text.AsSpan(0, Math.Min(text.Length, MaxLength)));
        return text.Length <= MaxLength ? shown : $"{shown}... ({text.Length} characters)";
    }

    /// <summary>UTF-8 bytes as <see cref="Of(string?)"/> shows text (invalid bytes as the replacement character), then
    /// <c>... (N bytes)</c> when cut.</summary>
    public static string Of(ReadOnlySpan<byte> utf8)
    {
        var head = utf8[..Math.Min(utf8.Length, MaxLength * 4)];
        string text = Encoding.UTF8.GetString(head);
        if (head.Length == utf8.Length && text.Length <= MaxLength) return Clean(text);
        return $"{Clean(text.AsSpan(0, Math.Min(text.Length, MaxLength)))}... ({utf8.Length} bytes)";
    }

    private static string Clean(ReadOnlySpan<char> text)
    {
        var shown = new StringBuilder(text.Length);
        foreach (char c in text) shown.Append(char.IsControl(c) ? '?' : c);
        return shown.ToString();
    }
}
