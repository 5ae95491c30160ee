using System.Globalization;
using Baton.Engine.Strategy;
using YamlDotNet.RepresentationModel;

namespace Baton.Yaml;

/// <summary>Reads <c>data:</c> — where candles come from.</summary>
internal static class DataSection
{
    private static readonly string[] Keys = ["source", "path", "url", "bars", "seed", "start", "start_price", "volatility", "drift"];

    public static DataSpec Read(YamlReader r, YamlNode node)
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
        if (pathNode is not null) spec = spec with { Path = r.Text(pathNode, "data.path") };
        else if (spec.Source != DataSourceKind.Synthetic) r.Error(map, "data.path", $"missing required key for source {source}");
        if (e.TryGetValue("bars", out var bars)) spec = spec with { Bars = r.Integer(bars, "data.bars", 1, 100_000_000) ?? 1 };
        if (e.TryGetValue("seed", out var seed)) spec = spec with { Seed = r.Integer(seed, "data.seed") ?? 1 };
        if (e.TryGetValue("start_price", out var price)) spec = spec with { StartPrice = r.Number(price, "data.start_price", 1e-9) ?? 100 };
        if (e.TryGetValue("volatility", out var vol)) spec = spec with { Volatility = r.Number(vol, "data.volatility", 0, 1) ?? 0.01 };
        if (e.TryGetValue("drift", out var drift)) spec = spec with { Drift = r.Number(drift, "data.drift", -1, 1) ?? 0 };
        if (e.TryGetValue("start", out var start) && r.Text(start, "data.start") is { } text)
        {
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
                spec = spec with { Start = t.ToUnixTimeMilliseconds() };
            else r.Error(start, "data.start", $"expected an ISO date or date-time such as 2020-01-01, got \"{text}\"");
        }
        return spec;
    }
}
