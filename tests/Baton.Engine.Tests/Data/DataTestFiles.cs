using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Data.Csv;

namespace Baton.Engine.Tests.Data;

/// <summary>A temporary folder for one test, deleted afterwards, plus helpers to read candle streams.</summary>
public sealed class DataTestFiles : IDisposable
{
    public DataTestFiles()
    {
        Folder = Path.Combine(Path.GetTempPath(), "baton-data-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    /// <summary>Writes <paramref name="text"/> to a file named <paramref name="name"/> and returns its path.</summary>
    public string Write(string name, string text)
    {
        string path = Path.Combine(Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    public string PathOf(string name) => Path.Combine(Folder, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a leftover temp folder is harmless
        }
    }

    /// <summary>The reference data folder <c>../shared/data</c> beside the repository root (the folder holding
    /// Baton.slnx); fails with a clear message when either is missing.</summary>
    public static string SharedData(string file)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Baton.slnx"))) folder = folder.Parent;
        Assert.True(folder is not null, $"No folder holding Baton.slnx above {AppContext.BaseDirectory}.");
        string path = Path.GetFullPath(Path.Combine(folder!.FullName, "..", "shared", "data", file));
        Assert.True(File.Exists(path), $"Reference data {path} is missing: ../shared/data must sit beside the repository.");
        return path;
    }

    /// <summary>Reads a whole source for <paramref name="symbols"/> into one list per symbol.</summary>
    public static async Task<List<Candle>[]> ReadAllAsync(ICandleSource source, IReadOnlyList<string> symbols,
        TimeRange? range = null, int batch = 1000, Timeframe? timeframe = null)
    {
        var streams = await source.OpenAsync(symbols, timeframe ?? Timeframe.OneDay, range ?? TimeRange.All, CancellationToken.None);
        var result = new List<Candle>[streams.Count];
        for (int i = 0; i < streams.Count; i++)
        {
            await using var stream = streams[i];
            result[i] = await ReadAllAsync(stream, batch);
        }
        return result;
    }

    public static async Task<List<Candle>> ReadAllAsync(ICandleStream stream, int batch = 1000)
    {
        var list = new List<Candle>();
        var buffer = new Candle[batch];
        int count;
        while ((count = await stream.ReadAsync(buffer, CancellationToken.None)) > 0) list.AddRange(buffer.AsSpan(0, count));
        return list;
    }

    /// <summary>Reads a one-symbol CSV text.</summary>
    public async Task<List<Candle>> ReadCsvAsync(string text, string symbol = "X", string name = "data.csv")
    {
        var lists = await ReadAllAsync(new CsvCandleSource(Write(name, text)), [symbol]);
        return lists[0];
    }

    public static long Ms(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal).ToUnixTimeMilliseconds();
}
