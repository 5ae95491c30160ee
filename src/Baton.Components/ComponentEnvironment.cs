using System.Diagnostics;
using System.Globalization;
using Baton.Core.Market;
using Baton.Engine.Components;
using Baton.Engine.Events;
using Baton.Engine.Strategy;

namespace Baton.Components;

/// <summary>Where a component's candles are: <c>BATON_DATA_SOURCE</c> (window, csv, parquet, postgres) and its location.</summary>
public sealed record ComponentDataLocation(string Source, string? Path, string? Uri, string? Query);

/// <summary>What every component of a run is told, besides its own id, type and parameters.</summary>
/// <param name="From">Open time of the first candle (Unix ms), when known.</param>
/// <param name="To">Open time of the last candle (Unix ms), when known.</param>
public sealed record ComponentRunContext(IReadOnlyList<string> Symbols, Timeframe Timeframe, long? From, long? To,
    string WorkingDirectory, string? StrategyFile);

/// <summary>
/// Builds the process a component runs in: the program and arguments from its <c>command</c>, the working directory
/// (the strategy file's folder), standard streams redirected, and the <c>BATON_*</c> variables of the protocol
/// (documented in <c>docs/components.md</c>). The rest of Baton's environment is inherited (PATH finds the program).
/// </summary>
public static class ComponentEnvironment
{
    public static ProcessStartInfo StartInfo(ComponentSpec spec, ComponentRunContext context, ComponentDataLocation data, string mode)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        var argv = CommandLine.Split(spec.Command);
        var info = new ProcessStartInfo(argv[0])
        {
            WorkingDirectory = context.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var arg in argv.Skip(1)) info.ArgumentList.Add(arg);
        foreach (var (key, value) in Variables(spec, context, data, mode)) info.Environment[key] = value;
        return info;
    }

    /// <summary>The <c>BATON_*</c> variables, in a fixed order. Values never hold a newline except the query and params.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Variables(ComponentSpec spec, ComponentRunContext context,
        ComponentDataLocation data, string mode)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        string type = spec.Kind == ComponentKind.Indicator ? "indicator" : "signal";
        string outputs = spec.Kind == ComponentKind.Indicator ? string.Join(',', spec.ValueNames) : string.Join(',', spec.Outputs.Prepend(spec.Id));
        yield return new("BATON_COMPONENT_ID", spec.Id);
        yield return new("BATON_COMPONENT_TYPE", type);
        yield return new("BATON_MODE", mode);
        yield return new("BATON_SYMBOLS", string.Join(',', context.Symbols));
        yield return new("BATON_TIMEFRAME", context.Timeframe.ToString());
        yield return new("BATON_TIMEFRAME_MS", context.Timeframe.Milliseconds.ToString(CultureInfo.InvariantCulture));
        yield return new("BATON_FROM", context.From is { } f ? Formats.Time(f) : "");
        yield return new("BATON_TO", context.To is { } t ? Formats.Time(t) : "");
        yield return new("BATON_DATA_SOURCE", data.Source);
        yield return new("BATON_DATA_PATH", data.Path ?? "");
        yield return new("BATON_DATA_URI", data.Uri ?? "");
        yield return new("BATON_DATA_QUERY", data.Query ?? "");
        yield return new("BATON_PARAMS", spec.ParametersJson);
        yield return new("BATON_OUTPUTS", outputs);
        yield return new("BATON_LIVE", mode == "live" ? (spec.Live == LiveComponentMode.Stream ? "stream" : "window") : "");
        yield return new("BATON_WINDOW_BARS", mode == "live" ? spec.WindowBars.ToString(CultureInfo.InvariantCulture) : "");
        yield return new("BATON_STRATEGY", context.StrategyFile ?? "");
    }

    /// <summary>The default query for a strategy whose data is the PostgreSQL candles table (issue 5's schema):
    /// the run's symbols, timeframe and range, in time order.</summary>
    public static string DefaultQuery(ComponentRunContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string symbols = string.Join(", ", context.Symbols.Select(s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'"));
        string range = (context.From is { } f ? $" AND ts >= '{Formats.Time(f)}'" : "") + (context.To is { } t ? $" AND ts <= '{Formats.Time(t)}'" : "");
        return $"SELECT symbol, ts, open, high, low, close, volume FROM candles WHERE symbol IN ({symbols}) " +
               $"AND timeframe = '{context.Timeframe}'{range} ORDER BY ts, symbol";
    }
}
