using Baton.Engine.Data;
using Baton.Engine.Strategy;

namespace Baton.Cli.Commands;

/// <summary>Chooses the candle source for a run: <c>--data</c> when given, else the strategy's <c>data:</c>.</summary>
internal static class DataSources
{
    /// <returns>The source, and the data file to hash into the manifest (null for generated data).</returns>
    public static (ICandleSource Source, string? File) Create(StrategyDefinition strategy, string? dataOverride)
    {
        if (dataOverride is not null) return FromPath(dataOverride);
        var data = strategy.Data;
        return data.Source switch
        {
            DataSourceKind.Synthetic => (new SyntheticCandleSource(data), null),
            DataSourceKind.Csv => FromPath(Resolve(strategy, data.Path)),
            _ => throw new CliException($"{strategy.SourceFile}: data.source {data.Source.ToString().ToLowerInvariant()} is not available in this build"),
        };
    }

    private static (ICandleSource, string?) FromPath(string path)
    {
        if (path.StartsWith("postgres", StringComparison.OrdinalIgnoreCase))
            throw new CliException("PostgreSQL data is not available in this build");
        if (!File.Exists(path)) throw new CliException($"data file not found: {path}");
        return (new CsvCandleSource(path), path);
    }

    /// <summary>A data path in a strategy is relative to the strategy file's folder.</summary>
    private static string Resolve(StrategyDefinition strategy, string? path)
    {
        if (string.IsNullOrEmpty(path)) throw new CliException($"{strategy.SourceFile}: data.path is required for this source");
        if (Path.IsPathRooted(path)) return path;
        string folder = Path.GetDirectoryName(Path.GetFullPath(strategy.SourceFile)) ?? ".";
        string relativeToStrategy = Path.Combine(folder, path);
        return File.Exists(relativeToStrategy) || !File.Exists(path) ? relativeToStrategy : path;
    }
}
