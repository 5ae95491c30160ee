namespace Baton.Web;

/// <summary>
/// The strategy files (<c>*.yaml</c>, <c>*.yml</c>) of a folder and its subfolders two levels down (hidden
/// folders, <c>node_modules</c>, <c>bin</c>, <c>obj</c> and <c>out</c> skipped), named by their path relative
/// to it with <c>/</c>. The page names a strategy only by such a name, so no other file can be reached.
/// </summary>
public sealed class StrategyCatalog(string folder)
{
    private static readonly string[] Skipped = ["node_modules", "bin", "obj", "out"];

    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>Every strategy file's relative name, in ordinal order.</summary>
    public IReadOnlyList<string> Files()
    {
        if (!Directory.Exists(Folder)) return [];
        var files = new List<string>();
        Collect(Folder, 0, files);
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>The full path of the strategy named <paramref name="relative"/>, or null when there is no such strategy.</summary>
    public string? Resolve(string? relative) =>
        relative is not null && Files().Contains(relative, StringComparer.Ordinal) ? Path.Combine(Folder, relative) : null;

    private void Collect(string dir, int depth, List<string> files)
    {
        foreach (string file in Directory.EnumerateFiles(dir))
        {
            if (file.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                files.Add(Path.GetRelativePath(Folder, file).Replace('\\', '/'));
        }
        if (depth == 2) return;
        foreach (string sub in Directory.EnumerateDirectories(dir))
        {
            string name = Path.GetFileName(sub);
            if (name.StartsWith('.') || Skipped.Contains(name, StringComparer.Ordinal)) continue;
            Collect(sub, depth + 1, files);
        }
    }
}
