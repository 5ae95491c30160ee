using System.Globalization;
using System.Text.Json;

namespace Baton.Core.Tests.Performance;

/// <summary>An equity curve from <c>../shared/data/metrics</c> and the metrics an independent script computed.</summary>
internal sealed class MetricsReference : IDisposable
{
    private MetricsReference(long[] openTimesMs, double[] equity, JsonDocument metrics)
    {
        OpenTimesMs = openTimesMs;
        Equity = equity;
        Metrics = metrics;
    }

    /// <summary>Bar open instants (the CSV dates at 00:00 UTC), Unix ms.</summary>
    public long[] OpenTimesMs { get; }

    /// <summary>Equity per row; row 0 is the starting capital.</summary>
    public double[] Equity { get; }

    /// <summary>The parsed <c>.metrics.json</c>.</summary>
    public JsonDocument Metrics { get; }

    public JsonElement Root => Metrics.RootElement;

    /// <summary>Loads <c>equity_{name}.csv</c> and <c>equity_{name}.metrics.json</c>.</summary>
    public static MetricsReference Load(string name)
    {
        string directory = MetricsDirectory();
        var lines = File.ReadAllLines(Path.Combine(directory, $"equity_{name}.csv"));
        Assert.Equal("timestamp,equity", lines[0]);
        var times = new long[lines.Length - 1];
        var equity = new double[lines.Length - 1];
        for (int i = 1; i < lines.Length; i++)
        {
            var fields = lines[i].Split(',');
            var date = DateTime.ParseExact(fields[0], "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            times[i - 1] = new DateTimeOffset(date).ToUnixTimeMilliseconds();
            equity[i - 1] = double.Parse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, $"equity_{name}.metrics.json")));
        return new MetricsReference(times, equity, json);
    }

    public void Dispose() => Metrics.Dispose();

    /// <summary>
    /// <c>../shared/data/metrics</c> beside the repository root (the folder holding <c>Baton.slnx</c>);
    /// fails with a clear message when it is absent, because the reference values are the point of the test.
    /// </summary>
    private static string MetricsDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Baton.slnx"))) dir = dir.Parent;
        if (dir is null)
            Assert.Fail($"Could not find Baton.slnx above {AppContext.BaseDirectory}.");
        string metrics = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "metrics"));
        if (!Directory.Exists(metrics))
            Assert.Fail($"Reference data missing: {metrics}. These tests require ../shared beside the repository root.");
        return metrics;
    }
}
