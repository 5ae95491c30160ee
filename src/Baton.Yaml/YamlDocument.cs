using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Baton.Yaml;

/// <summary>
/// Reads a YAML file into a node tree that keeps every node's line and column, refusing hostile input before
/// building it: files over <see cref="MaxBytes"/>, nesting deeper than <see cref="MaxDepth"/>, and aliases
/// (so an alias bomb cannot expand).
/// </summary>
internal static class YamlDocument
{
    public const int MaxBytes = 1 << 20;
    public const int MaxDepth = 64;

    /// <summary>The root node, or null with one error added when the text is not acceptable YAML.</summary>
    public static YamlNode? Parse(string text, string file, List<StrategyError> errors)
    {
        if (text.Length > MaxBytes)
        {
            errors.Add(new StrategyError(file, 1, 1, "", $"file is larger than {MaxBytes / 1024} KiB; a strategy file is expected to be small"));
            return null;
        }
        if (!CheckEvents(text, file, errors)) return null;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0)
            {
                errors.Add(new StrategyError(file, 1, 1, "", "file is empty; expected a strategy mapping"));
                return null;
            }
            return stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            SyntaxError(e, text, Mark.Empty, file, errors);
            return null;
        }
    }

    private static bool CheckEvents(string text, string file, List<StrategyError> errors)
    {
        var parser = new Parser(new StringReader(text));
        int depth = 0, documents = 0;
        Mark last = Mark.Empty;
        while (MoveNext(parser, text, file, last, errors))
        {
            var e = parser.Current!;
            last = e.End;
            // only the first document would be read: a second one (after ---) would be silently ignored
            if (e is DocumentStart && ++documents > 1)
                return Fail(errors, file, e.Start, "a second YAML document starts here (---); a strategy file holds one");
            if (e is AnchorAlias)
                return Fail(errors, file, e.Start, "aliases (*name) are not supported in strategy files");
            if (e is MappingStart or SequenceStart && ++depth > MaxDepth)
                return Fail(errors, file, e.Start, $"nesting deeper than {MaxDepth} levels");
            if (e is MappingEnd or SequenceEnd) depth--;
        }
        return !errors.Any(x => x.File == file);
    }

    /// <summary>Advances the parser; YamlDotNet reports some malformed input (an unclosed bracket at the end)
    /// as an InvalidOperationException, which becomes a syntax error after the last good token.</summary>
    private static bool MoveNext(Parser parser, string text, string file, Mark last, List<StrategyError> errors)
    {
        try
        {
            return parser.MoveNext();
        }
        catch (YamlException e)
        {
            return SyntaxError(e, text, last, file, errors);
        }
        catch (InvalidOperationException)
        {
            return Fail(errors, file, last, "YAML syntax: the text stops making sense after this point (an unclosed [, { or quote?)");
        }
    }

    private static bool Fail(List<StrategyError> errors, string file, Mark at, string message)
    {
        errors.Add(new StrategyError(file, (int)at.Line, (int)at.Column, "", message));
        return false;
    }

    /// <summary>A syntax error where it is. YamlDotNet's Start is where the construct it was reading began, its End where
    /// it found the problem; a tab is reported at the tab: at End, or, when YamlDotNet gives no place (its "invalid tab
    /// as indentation"), at the first tab after <paramref name="last"/>, the end of the last good token.</summary>
    private static bool SyntaxError(YamlException e, string text, Mark last, string file, List<StrategyError> errors)
    {
        var inner = e.InnerException as YamlException ?? e;
        string message = inner.Message;
        var at = e.Start;
        if (message.Contains("tab", StringComparison.OrdinalIgnoreCase))
            at = inner.End.Index > last.Index ? inner.End : TabAfter(text, last) ?? last;
        errors.Add(new StrategyError(file, (int)at.Line, (int)at.Column, "", "YAML syntax: " + message));
        return false;
    }

    private static Mark? TabAfter(string text, Mark last)
    {
        int index = text.IndexOf('\t', (int)Math.Min(last.Index, text.Length));
        if (index < 0) return null;
        int lineStart = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        int line = text.AsSpan(0, index).Count('\n') + 1;
        return new Mark(index, line, index - lineStart + 1);
    }
}
