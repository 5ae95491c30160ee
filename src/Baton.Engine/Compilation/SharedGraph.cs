using System.Globalization;
using System.Text;
using Baton.Core.Market;
using Baton.Engine.Strategy;

namespace Baton.Engine.Compilation;

/// <summary>
/// One indicator graph for many trials of a strategy (a sweep's pass): every indicator with the same type, parameters,
/// timeframe and source (a price field, or an output of an indicator that is itself shared) is built once, per symbol,
/// and updated once per candle. <see cref="Compute"/> runs a batch of candles through it and keeps, per candle, the
/// values any trial reads (one row of <see cref="Width"/> values); each trial's graph copies its own indicators' outputs
/// from the row of the candle it is processing (<see cref="SharedSlots"/>) and runs only its signals. A shared
/// indicator sees exactly the candles and inputs the trial's own copy would (same symbol, same order, same inputs, the
/// same not-ready inputs withheld), so the values a trial reads are the values it would have computed.
/// </summary>
internal sealed class SharedGraph
{
    private readonly SymbolPipeline[] _pipelines;
    private readonly int[] _columns;

    private SharedGraph(SymbolPipeline[] pipelines, int[] columns, int rows)
    {
        _pipelines = pipelines;
        _columns = columns;
        Width = Math.Max(1, columns.Length);
        Rows = rows;
        Values = new double[rows * Width];
    }

    /// <summary>Values kept per candle.</summary>
    public int Width { get; }

    /// <summary>Candles a batch holds at most.</summary>
    public int Rows { get; }

    /// <summary>Row-major: row i holds the shared values after candle i of the last batch.</summary>
    public double[] Values { get; }

    /// <summary>Distinct indicators in the graph (per symbol).</summary>
    public int Indicators { get; private init; }

    /// <summary>The union of the trials' indicator graphs, and for each trial the view its pipelines read. Every trial must
    /// have the same symbols and timeframe (one pass reads one stream).</summary>
    public static SharedGraph Build(IReadOnlyList<CompiledStrategy> trials, int rows, out SharedSlots[] views)
    {
        ArgumentOutOfRangeException.ThrowIfZero(trials.Count);
        var (specs, reads) = Union(trials);
        var first = trials[0].Definition;
        var union = StrategyCompiler.Compile(first with
        {
            Indicators = specs, Signals = [], Components = [], Entry = [], Exit = new ExitSpec(), Sizing = new SizingSpec(),
        });
        var columnOf = new Dictionary<int, int>();
        var columns = new List<int>();
        int Column(int unionSlot)
        {
            if (columnOf.TryGetValue(unionSlot, out int c)) return c;
            columnOf.Add(unionSlot, columns.Count);
            columns.Add(unionSlot);
            return columns.Count - 1;
        }
        var bases = specs.Select(s => union.Layout.Resolve(s.Id)).ToArray();
        var mapped = reads.Select(r => r.Select(x => (From: Column(bases[x.Union] + x.Output), To: x.TrialSlot)).ToArray()).ToArray();
        var pipelines = first.Symbols.Select(_ => union.CreatePipeline()).ToArray();
        var graph = new SharedGraph(pipelines, [.. columns], rows) { Indicators = specs.Count };
        views = mapped.Select(m => new SharedSlots(graph, [.. m.Select(x => x.From)], [.. m.Select(x => x.To)])).ToArray();
        return graph;
    }

    /// <summary>The distinct indicators of every trial, each with a union id (<c>u0</c>, <c>u1</c> ...) and its source
    /// in union names; and per trial, which output of which union indicator goes to which of its slots.</summary>
    private static (List<IndicatorSpec> Specs, List<(int Union, int Output, int TrialSlot)>[] Reads) Union(
        IReadOnlyList<CompiledStrategy> trials)
    {
        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        var specs = new List<IndicatorSpec>();
        var reads = new List<(int Union, int Output, int TrialSlot)>[trials.Count];
        for (int t = 0; t < trials.Count; t++)
        {
            var own = new Dictionary<string, int>(StringComparer.Ordinal);   // the trial's ids -> union indexes
            reads[t] = [];
            foreach (var indicator in trials[t].Indicators)   // in dependency order: a source is always seen first
            {
                var spec = indicator.Spec;
                string source = UnionSource(spec.Source, own);
                string key = Key(spec, source);
                if (!keys.TryGetValue(key, out int k))
                {
                    k = specs.Count;
                    keys.Add(key, k);
                    specs.Add(spec with { Id = "u" + k.ToString(CultureInfo.InvariantCulture), Source = source });
                }
                own[spec.Id] = k;
                for (int o = 0; o < indicator.Outputs; o++) reads[t].Add((k, o, indicator.Slot + o));
            }
        }
        return (specs, reads);
    }

    /// <summary>Runs candles 0..<paramref name="count"/>−1 of a batch through the graph and keeps each one's row.</summary>
    public void Compute(Candle[] candles, int[] symbols, int count)
    {
        var values = Values;
        var columns = _columns;
        for (int i = 0; i < count; i++)
        {
            var pipeline = _pipelines[symbols[i]];
            pipeline.Update(candles[i]);
            var slots = pipeline.Slots;
            var row = values.AsSpan(i * Width, columns.Length);
            for (int c = 0; c < row.Length; c++) row[c] = slots[columns[c]];
        }
    }

    /// <summary>A source in the union's names: a price field as it is, an indicator (or one of its outputs) by its union
    /// id. Anything else is left as written, which the union's compilation then refuses (the caller runs the trials
    /// one by one instead).</summary>
    private static string UnionSource(string source, Dictionary<string, int> own)
    {
        if (PriceFields.TryParse(source, out _)) return source;
        int dot = source.IndexOf('.', StringComparison.Ordinal);
        string id = dot < 0 ? source : source[..dot];
        if (!own.TryGetValue(id, out int k)) return source;
        return "u" + k.ToString(CultureInfo.InvariantCulture) + (dot < 0 ? "" : source[dot..]);
    }

    /// <summary>What makes two indicators the same: type, every parameter (exact, in name order), timeframe, source.</summary>
    private static string Key(IndicatorSpec spec, string source)
    {
        var key = new StringBuilder(spec.Type).Append('|');
        foreach (var p in spec.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
            key.Append(p.Key).Append('=').Append(p.Value.ToString("R", CultureInfo.InvariantCulture)).Append(',');
        return key.Append('|').Append(spec.Timeframe?.ToString() ?? "").Append('|').Append(source).ToString();
    }
}

/// <summary>A trial's view of a <see cref="SharedGraph"/>: which of a row's values go to which of its slots, and the
/// row of the candle the trial is processing (set by whoever feeds it, before each candle).</summary>
internal sealed class SharedSlots(SharedGraph graph, int[] from, int[] to)
{
    private readonly double[] _values = graph.Values;
    private readonly int _width = graph.Width;

    /// <summary>The candle of the batch being processed (its index).</summary>
    public int Row { get; set; }

    public void CopyInto(double[] slots)
    {
        var row = _values.AsSpan(Row * _width, _width);
        for (int j = 0; j < from.Length; j++) slots[to[j]] = row[from[j]];
    }
}
