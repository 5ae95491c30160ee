namespace Baton.Web;

/// <summary>The page, its bundled script (the dashboard with the report's views and charting library) and its
/// styles, embedded at build time from <c>web/</c>.</summary>
internal static class DashboardAssets
{
    public static byte[] Page { get; } = Load("Baton.Web.index.html");

    public static byte[] Script { get; } = Load("Baton.Web.dashboard.js");

    public static byte[] Styles { get; } = Load("Baton.Web.dashboard.css");

    private static byte[] Load(string name)
    {
        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource {name} is missing: Baton.Web was built without its web bundle");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
