using Baton.Engine.Backtest;
using Baton.Engine.Data;
using Baton.Engine.Strategy;
using Baton.Postgres;
using Baton.Runs.Backtests;
using Baton.Web.Backtests;
using Baton.Yaml;

namespace Baton.Cli.Commands;

/// <summary>
/// The dashboard's <see cref="IBacktestFactory"/>: strategies through the YAML loader, data through the same
/// choice as <c>baton backtest --data</c>, components through the same host. Data offered besides a strategy's
/// own: CSV and Parquet files in the strategies folder (two levels down) and in a <c>data</c> folder beside it, and
/// <c>$BATON_PG</c> when set (shown redacted).
/// </summary>
internal sealed class DashboardBacktests(string strategiesFolder) : IBacktestFactory
{
    private const string PostgresChoice = "postgres";

    private readonly string _folder = Path.GetFullPath(strategiesFolder);

    public StrategyCheck Check(string path)
    {
        try
        {
            var d = StrategyLoader.Load(path);
            return new StrategyCheck(d.Name, [], d.Parameters, d.Symbols, d.Timeframe.ToString(), Describe(d.Data));
        }
        catch (StrategyValidationException e)
        {
            return new StrategyCheck(null, Problems(e), new Dictionary<string, string>(), [], null, null);
        }
    }

    public IReadOnlyList<DataChoice> DataChoices()
    {
        var choices = new List<DataChoice>();
        string root = Path.GetFullPath(Path.Combine(_folder, ".."));
        var files = DataFiles(_folder, 2).Concat(DataFiles(Path.Combine(root, "data"), 0)).Distinct().Order(StringComparer.Ordinal);
        foreach (string file in files)
        {
            string kind = file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "CSV" : "Parquet";
            string shown = Path.GetRelativePath(root, file).Replace('\\', '/');
            choices.Add(new DataChoice("file:" + Path.GetRelativePath(_folder, file).Replace('\\', '/'), $"{kind}: {shown}"));
        }
        if (Environment.GetEnvironmentVariable(PostgresUri.EnvironmentVariable) is { Length: > 0 } pg && PostgresUri.IsUri(pg))
            choices.Add(new DataChoice(PostgresChoice, "PostgreSQL ($BATON_PG): " + Redact(pg)));
        return choices;
    }

    /// <summary>CSV and Parquet files of <paramref name="dir"/> and its subfolders <paramref name="depth"/> levels down
    /// (hidden folders, node_modules, bin, obj and out skipped).</summary>
    private static IEnumerable<string> DataFiles(string dir, int depth)
    {
        if (!Directory.Exists(dir)) yield break;
        foreach (string file in Directory.EnumerateFiles(dir))
        {
            if (file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
                yield return Path.GetFullPath(file);
        }
        if (depth == 0) yield break;
        foreach (string sub in Directory.EnumerateDirectories(dir))
        {
            string name = Path.GetFileName(sub);
            if (name.StartsWith('.') || name is "node_modules" or "bin" or "obj" or "out") continue;
            foreach (string file in DataFiles(sub, depth - 1)) yield return file;
        }
    }

    public BacktestPlan Plan(BacktestRequest request, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var definition = StrategyLoader.Load(request.StrategyPath, request.Overrides);
            string? location = Location(request);
            var (source, file) = DataSources.Create(definition, location);
            var range = CliOptions.Range(request.From, request.To, "from", "to");
            var spec = new BacktestSpec(definition, source, range)
            {
                Components = ComponentCommand.Host(definition, location, file),
                Output = new RunOutput(outputDirectory, file),
            };
            return new BacktestPlan(spec, source.Description);
        }
        catch (StrategyValidationException e)
        {
            throw new BacktestRequestException(Problems(e));
        }
        catch (Exception e) when (e is CliException or CandleDataException or IOException)
        {
            throw new BacktestRequestException(e.Message);
        }
    }

    /// <summary>The <c>--data</c> location a choice stands for; only choices this factory offers are accepted.</summary>
    private string? Location(BacktestRequest request) => Location(request.Data);

    /// <summary>The <c>--data</c> location of the choice <paramref name="data"/> (null: the strategy's own); the sweeps'
    /// factory shares it.</summary>
    internal string? Location(string? data)
    {
        if (data is null) return null;
        if (!DataChoices().Any(c => c.Id == data)) throw new CliException($"unknown data choice '{data}'");
        if (data == PostgresChoice) return Environment.GetEnvironmentVariable(PostgresUri.EnvironmentVariable);
        return Path.GetFullPath(Path.Combine(_folder, data["file:".Length..]));
    }

    private static string Describe(DataSpec data) => data.Source switch
    {
        DataSourceKind.Synthetic => $"synthetic ({data.Bars:N0} bars, seed {data.Seed})",
        DataSourceKind.Postgres => "postgres " + (data.Path is { Length: > 0 } p ? Redact(p) : "($BATON_PG)"),
        _ => $"{data.Source.ToString().ToLowerInvariant()} {data.Path}",
    };

    private static string Redact(string uri)
    {
        try
        {
            return PostgresUri.Parse(uri).Redacted;
        }
        catch (CandleDataException)
        {
            return "postgresql://(not a valid URI)";
        }
    }

    private static List<StrategyProblem> Problems(StrategyValidationException e) =>
        e.Errors.Select(x => new StrategyProblem(x.Line, x.Column, x.Path, x.Message)).ToList();
}
