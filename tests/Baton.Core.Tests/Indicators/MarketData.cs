using System.Globalization;
using System.Text.Json;
using Baton.Core.Market;

namespace Baton.Core.Tests.Indicators;

/// <summary>
/// One candle file of ../shared/data with its TA-Lib reference series (NaN where the reference is null).
/// Loaded once per test run.
/// </summary>
public sealed class MarketData
{
    public static readonly string[] FileNames = ["synthetic_5000", "real_daily"];

    private static readonly Lazy<MarketData[]> All = new(() => [.. FileNames.Select(Load)]);

    private readonly Dictionary<string, double[]> _reference;

    private MarketData(string name, Candle[] candles, Dictionary<string, double[]> reference)
    {
        Name = name;
        Candles = candles;
        _reference = reference;
        Open = [.. candles.Select(c => c.Open)];
        High = [.. candles.Select(c => c.High)];
        Low = [.. candles.Select(c => c.Low)];
        Close = [.. candles.Select(c => c.Close)];
        Volume = [.. candles.Select(c => c.Volume)];
    }

    public string Name { get; }
    public Candle[] Candles { get; }
    public int Length => Candles.Length;
    public double[] Open { get; }
    public double[] High { get; }
    public double[] Low { get; }
    public double[] Close { get; }
    public double[] Volume { get; }

    public static IReadOnlyList<MarketData> Files => All.Value;

    /// <summary>Candles made in a test (no reference series).</summary>
    public static MarketData FromCandles(string name, Candle[] candles) =>
        new(name, candles, new Dictionary<string, double[]>(StringComparer.Ordinal));

    /// <summary>The reference series called <paramref name="key"/> (e.g. <c>SMA_10</c>, <c>extra.TRANGE</c>).</summary>
    public double[] Reference(string key) =>
        _reference.TryGetValue(key, out var series)
            ? series
            : throw new KeyNotFoundException($"{Name}.ta.json has no series '{key}'");

    private static MarketData Load(string name)
    {
        string directory = DataDirectory();
        var candles = ReadCandles(Path.Combine(directory, name + ".csv"));
        var reference = ReadReference(Path.Combine(directory, name + ".ta.json"));
        foreach (var (key, series) in reference)
            if (series.Length != candles.Length)
                throw new InvalidDataException($"{name}.ta.json: '{key}' has {series.Length} values for {candles.Length} candles");
        return new MarketData(name, candles, reference);
    }

    /// <summary>../shared/data beside the repository root (the directory holding Baton.slnx).</summary>
    public static string DataDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Baton.slnx"))) dir = dir.Parent;
        if (dir is null)
            throw new InvalidOperationException($"no Baton.slnx above {AppContext.BaseDirectory}: cannot find the repository root");
        string data = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
        if (!Directory.Exists(data))
            throw new InvalidOperationException(
                $"the indicator contract needs the reference data in ../shared/data beside the repository ({data} is missing); " +
                "check out the shared data next to the clone");
        return data;
    }

    private static Candle[] ReadCandles(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length < 2 || lines[0] != "timestamp,open,high,low,close,volume")
            throw new InvalidDataException($"{path}: expected the header timestamp,open,high,low,close,volume");
        var candles = new Candle[lines.Length - 1];
        for (int i = 1; i < lines.Length; i++)
        {
            var f = lines[i].Split(',');
            var time = DateTime.ParseExact(f[0], "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            candles[i - 1] = new Candle(new DateTimeOffset(time).ToUnixTimeMilliseconds(),
                Number(f[1]), Number(f[2]), Number(f[3]), Number(f[4]), Number(f[5]));
        }
        return candles;
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static Dictionary<string, double[]> ReadReference(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var result = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var entry in document.RootElement.GetProperty("indicators").EnumerateObject())
        {
            var values = entry.Value.GetProperty("values");
            var series = new double[values.GetArrayLength()];
            int i = 0;
            foreach (var v in values.EnumerateArray())
                series[i++] = v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble();
            result[entry.Name] = series;
        }
        return result;
    }
}
