using Baton.Engine.Data;
using Baton.Engine.Data.Csv;
using Baton.Engine.Data.Files;
using Baton.Engine.Data.Synthetic;
using Baton.Engine.Strategy;
using Baton.Parquet;
using Baton.Postgres;

namespace Baton.Cli.Commands;

/// <summary>Chooses the candle source for a run: <c>--data</c> when given, else the strategy's <c>data:</c>.
/// A location is a PostgreSQL URI (<c>postgresql://</c>), a Parquet file (<c>.parquet</c>), a folder of
/// SYMBOL.parquet files or a path with <c>{symbol}</c>, or else a CSV file.</summary>
internal static class DataSources
{
    /// <returns>The source, and the data file to hash into the manifest (null for generated or database data).</returns>
    public static (ICandleSource Source, string? File) Create(StrategyDefinition strategy, string? dataOverride)
    {
        var data = strategy.Data;
        if (dataOverride is not null) return FromLocation(dataOverride, data.Columns);
        return data.Source switch
        {
            DataSourceKind.Synthetic => (new SyntheticCandleSource(data), null),
            DataSourceKind.Csv => Csv(Resolve(strategy, data.Path)),
            DataSourceKind.Parquet => Parquet(Resolve(strategy, data.Path), data.Columns),
            _ => (new PostgresCandleSource(PostgresUri.FromTextOrEnvironment(data.Path, $"{strategy.SourceFile}: data.path")), null),
        };
    }

    /// <summary>A source for a URI or path given on the command line.</summary>
    public static (ICandleSource Source, string? File) FromLocation(string location, DataColumns? columns = null)
    {
        if (PostgresUri.IsUri(location)) return (new PostgresCandleSource(PostgresUri.Parse(location)), null);
        if (IsParquet(location)) return Parquet(location, columns ?? DataColumns.Default);
        return Csv(location);
    }

    /// <summary>True for a .parquet path, a folder (of SYMBOL.parquet files) or a <c>{symbol}</c> template.</summary>
    public static bool IsParquet(string path) =>
        path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) || path.Contains("{symbol}", StringComparison.Ordinal)
        || Directory.Exists(path);

    private static (ICandleSource, string?) Csv(string path)
    {
        if (InputFile.Problem(path) is { } problem)
            throw new CliException(problem == "file not found" ? $"data file not found: {path}" : $"data file {path}: {problem}");
        return (new CsvCandleSource(path), path);
    }

    private static (ICandleSource, string?) Parquet(string path, DataColumns columns)
    {
        var source = new ParquetCandleSource(path, columns);
        return (source, source.IsPerSymbol ? null : path);
    }

    /// <summary>A data path in a strategy is relative to the strategy file's folder.</summary>
    private static string Resolve(StrategyDefinition strategy, string? path)
    {
        if (string.IsNullOrEmpty(path)) throw new CliException($"{strategy.SourceFile}: data.path is required for this source");
        if (Path.IsPathRooted(path)) return path;
        string folder = Path.GetDirectoryName(Path.GetFullPath(strategy.SourceFile)) ?? ".";
        string relativeToStrategy = Path.Combine(folder, path);
        return Exists(relativeToStrategy) || !Exists(path) ? relativeToStrategy : path;
    }

    private static bool Exists(string path)
    {
        if (path.Contains("{symbol}", StringComparison.Ordinal)) path = Path.GetDirectoryName(Path.GetFullPath(path)) ?? path;
        return File.Exists(path) || Directory.Exists(path);
    }
}
