using System.Text;

namespace Baton.Engine.Components;

/// <summary>Splits a component's <c>command</c> into a program and its arguments, the way a POSIX shell splits plain
/// words: whitespace separates, single quotes keep everything literal, double quotes keep spaces (with <c>\"</c> and
/// <c>\\</c> escapes), a backslash outside quotes escapes the next character. No shell runs: no variables, globs or pipes.</summary>
public static class CommandLine
{
    /// <exception cref="FormatException">An unterminated quote or an empty command.</exception>
    public static IReadOnlyList<string> Split(string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        for (int i = 0; i < command.Length; i++)
        {
            char c = command[i];
            if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
                continue;
            }
            inWord = true;
            if (c == '\'') i = Quoted(command, i, '\'', word);
            else if (c == '"') i = Quoted(command, i, '"', word);
            else if (c == '\\' && i + 1 < command.Length) word.Append(command[++i]);
            else word.Append(c);
        }
        if (inWord) words.Add(word.ToString());
        return words.Count > 0 ? words : throw new FormatException("the command is empty");
    }

    private static int Quoted(string command, int open, char quote, StringBuilder word)
    {
        for (int i = open + 1; i < command.Length; i++)
        {
            char c = command[i];
            if (c == quote) return i;
            if (quote == '"' && c == '\\' && i + 1 < command.Length && command[i + 1] is '"' or '\\') c = command[++i];
            word.Append(c);
        }
        throw new FormatException($"unterminated {quote} quote starting at character {open + 1}");
    }
}
