namespace Baton.Engine.Strategy;

/// <summary>
/// What a symbol may be: 1 to <see cref="MaxLength"/> ASCII letters, digits and <c>. _ - / :</c> (so it reads the same in
/// every CSV, JSON and stream field it is written to).
/// </summary>
public static class SymbolName
{
    /// <summary>The longest symbol, in characters.</summary>
    public const int MaxLength = 32;

    /// <summary>The characters a symbol may have besides ASCII letters and digits.</summary>
    public const string Punctuation = "._-/:";

    /// <summary>Why <paramref name="symbol"/> is not a valid symbol, or null when it is.</summary>
    public static string? Problem(string? symbol)
    {
        if (string.IsNullOrEmpty(symbol)) return "expected a symbol name";
        if (symbol.Length > MaxLength) return $"a symbol is at most {MaxLength} characters, got {symbol.Length}";
        foreach (char c in symbol)
            if (!char.IsAsciiLetterOrDigit(c) && !Punctuation.Contains(c, StringComparison.Ordinal))
                return $"'{symbol}' has a character a symbol cannot have ({Show(c)}); expected ASCII letters, digits and {string.Join(' ', Punctuation.ToCharArray())}";
        return null;
    }

    private static string Show(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}'";
}
