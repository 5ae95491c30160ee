using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Data.Files;
using Baton.Engine.Data.Synthetic;
using Baton.Engine.Strategy;
using YamlDotNet.RepresentationModel;

namespace Baton.Yaml;

/// <summary>Reads <c>data:</c> — where candles come from.</summary>
internal static class DataSection
{
    private static readonly string[] Keys = ["source", "path", "url", "bars", "seed", "start", "start_price", "volatility", "drift", "columns", "resample"];
    private static readonly string[] ColumnKeys = ["timestamp", "open", "high", "low", "close", "volume", "symbol"];

    /// <param name="timeframe">The strategy's timeframe (default when it is invalid), for a synthetic window's end.</param>
    public static DataSpec Read(YamlReader r, YamlNode node, Timeframe timeframe)
    {
        if (r.Map(node, "data") is not { } map) return new DataSpec();
        var e = r.Entries(map, "data", Keys);
        var spec = new DataSpec();
        string source = e.TryGetValue("source", out var s) ? r.Choice(s, "data.source", "csv", "parquet", "postgres", "synthetic") ?? "synthetic" : "synthetic";
        spec = spec with { Source = source switch
        {
            "csv" => DataSourceKind.Csv,
            "parquet" => DataSourceKind.Parquet,
            "postgres" => DataSourceKind.Postgres,
            _ => DataSourceKind.Synthetic,
        } };
        var pathNode = e.GetValueOrDefault("path") ?? e.GetValueOrDefault("url");
        if (pathNode is not null)
        {
            string key = e.ContainsKey("path") ? "data.path" : "data.url";
            spec = spec with { Path = r.Text(pathNode, key) };
            // an empty path passed validation and then failed the run without a place
            if (spec.Path is { } p && string.IsNullOrWhiteSpace(p))
                r.Error(pathNode, key, $"expected {(key == "data.url" ? "a postgresql:// URL" : "a file path")}, got an empty one");
        }
        else if (spec.Source is DataSourceKind.Csv or DataSourceKind.Parquet) r.Error(map, "data.path", $"missing required key for source {source}");
        if (e.TryGetValue("bars", out var bars)) spec = spec with { Bars = r.Integer(bars, "data.bars", 1, SyntheticLimits.MaxBars) ?? 1 };
        if (e.TryGetValue("seed", out var seed)) spec = spec with { Seed = r.Integer(seed, "data.seed") ?? 1 };
        if (e.TryGetValue("start_price", out var price)) spec = spec with { StartPrice = r.Number(price, "data.start_price", SyntheticLimits.MinPrice, SyntheticLimits.MaxPrice) ?? 100 };
        if (e.TryGetValue("volatility", out var vol)) spec = spec with { Volatility = r.Number(vol, "data.volatility", 0, SyntheticLimits.MaxVolatility) ?? 0.01 };
        if (e.TryGetValue("drift", out var drift)) spec = spec with { Drift = r.Number(drift, "data.drift", -SyntheticLimits.MaxDrift, SyntheticLimits.MaxDrift) ?? 0 };
        if (e.TryGetValue("start", out var start) && r.Text(start, "data.start") is { } text)
        {
            if (text.Length >= 10 && text[4] == '-' && CandleTimestamp.TryParse(text.AsSpan(), out long t)) spec = spec with { Start = t };
            else r.Error(start, "data.start", $"expected an ISO date or date-time in UTC such as 2020-01-01, got \"{Excerpt.Of(text)}\"");
        }
        if (e.TryGetValue("resample", out var resample)) spec = spec with { Resample = r.Bool(resample, "data.resample") ?? false };
        if (e.TryGetValue("columns", out var columns)) spec = spec with { Columns = ReadColumns(r, columns) };
        if (spec.Source == DataSourceKind.Synthetic && timeframe.Milliseconds > 0
            && SyntheticLimits.WindowProblem(spec.Start, spec.Bars, timeframe) is { } window)
            r.Error(e.GetValueOrDefault("bars") ?? e.GetValueOrDefault("start") ?? map, "data.bars", window);
        return spec;
    }

    /// <summary><c>columns: { timestamp: ts, volume: vol }</c>: the file's name for each candle field.</summary>
    private static DataColumns ReadColumns(YamlReader r, YamlNode node)
    {
        var result = DataColumns.Default;
        if (r.Map(node, "data.columns") is not { } map) return result;
        foreach (var (key, value) in r.Entries(map, "data.columns", ColumnKeys))
        {
            string? name = r.Text(value, "data.columns." + key);
            if (name is null) continue;
            if (name.Trim().Length == 0)
            {
                r.Error(value, "data.columns." + key, "expected a column name, got an empty value");
                continue;
            }
            result = key switch
            {
                "timestamp" => result with { Timestamp = name },
                "open" => result with { Open = name },
                "high" => result with { High = name },
                "low" => result with { Low = name },
                "close" => result with { Close = name },
                "volume" => result with { Volume = name },
                _ => result with { Symbol = name },
            };
        }
        return result;
    }
}
