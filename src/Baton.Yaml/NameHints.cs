namespace Baton.Yaml;

/// <summary>"Did you mean" for names typed outside a strategy file (command-line specs), by the same rule the
/// strategy loader uses: the closest known name within edit distance 2.</summary>
public static class NameHints
{
    public static string? Closest(string word, IEnumerable<string> known) => YamlReader.Suggest(word, known);
}
