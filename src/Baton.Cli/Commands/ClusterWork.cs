using Baton.Cluster.Jobs;
using Baton.Research.Trials;

namespace Baton.Cli.Commands;

/// <summary>A cluster job opened on a worker exactly as <c>baton sweep</c> opens its strategy and data on one machine:
/// the strategy text loaded per trial with <c>--set</c> values, the data read from this machine's path or
/// PostgreSQL, components started from this machine.</summary>
internal sealed class ClusterWork : IClusterWork
{
    public (IStrategyVariants Variants, TrialData Data) Open(ClusterJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        StrategyVariants variants;
        try
        {
            variants = new StrategyVariants(job.StrategyFile, job.StrategyText, job.Fixed);
        }
        catch (Baton.Yaml.StrategyValidationException e)
        {
            throw new InvalidDataException($"the strategy {job.StrategyFile} does not load with this Baton: {e.Message}");
        }
        var plain = job.Resample ? variants.Plain with { Data = variants.Plain.Data with { Resample = true } } : variants.Plain;
        var (source, file) = Open(plain, job.Data);
        var range = CliOptions.Range(job.From, job.To);
        var data = new TrialData(source, range, ComponentCommand.Host(plain, job.Data, file));
        return (job.Resample ? new ResampledVariants(variants) : variants, data);
    }

    private static (Baton.Engine.Data.ICandleSource, string?) Open(Baton.Engine.Strategy.StrategyDefinition plain, string? data)
    {
        try
        {
            return DataSources.Create(plain, data);
        }
        catch (CliException e)
        {
            throw new IOException(e.Message);
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Baton.Postgres.PostgresTrialResults> Stores = new(StringComparer.Ordinal);

    /// <summary>The results store of <c>--results URI</c> (one per URI in this process).</summary>
    public static ITrialResultStore ResultStore(string uri) =>
        Stores.GetOrAdd(uri, u => new Baton.Postgres.PostgresTrialResults(Baton.Postgres.PostgresUri.Parse(u)));

    /// <summary>The job of a sweep (or of one walk-forward window: <paramref name="manifest"/> and <paramref name="range"/>
    /// are the window's).</summary>
    public static ClusterJob Job(Sweep sweep, Baton.Research.Sweeps.SweepManifest manifest, Baton.Engine.Data.TimeRange range)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(manifest);
        var variants = new StrategyVariants(sweep.StrategyFile, sweep.Fixed);
        string? data = sweep.DataFile is { } file ? Path.GetFullPath(file)
            : sweep.DataOption ?? (variants.Plain.Data.Source == Baton.Engine.Strategy.DataSourceKind.Postgres
                ? variants.Plain.Data.Path ?? Environment.GetEnvironmentVariable("BATON_PG") : null);
        return new ClusterJob(Path.GetFullPath(sweep.StrategyFile), variants.Text, new SortedDictionary<string, string>(sweep.Fixed.ToDictionary(), StringComparer.Ordinal),
            sweep.Resample, data, sweep.DataFile is null ? null : manifest.DataHash,
            range.From is { } f ? Baton.Engine.Events.Formats.Time(f) : null, range.To is { } t ? Baton.Engine.Events.Formats.Time(t) : null)
        {
            Manifest = System.Text.Json.JsonSerializer.Serialize(manifest),
            Results = sweep.Results,
        };
    }
}
