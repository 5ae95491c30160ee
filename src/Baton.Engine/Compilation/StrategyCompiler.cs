using Baton.Core.Indicators;
using Baton.Core.Market;
using Baton.Core.Rules;
using Baton.Core.Signals;
using Baton.Engine.Components;
using Baton.Engine.Strategy;

namespace Baton.Engine.Compilation;

/// <summary>
/// Compiles a validated <see cref="StrategyDefinition"/>: lays out slots (price fields, indicator outputs in
/// dependency order, signals), computes each slot's warm-up from the graph, and compiles every rule.
/// </summary>
public static class StrategyCompiler
{
    private const string ImplicitAtr = "__atr";

    /// <summary>Signals-only graph methods by shape (first signal slot, signal classes in order): a sweep's trials of one
    /// strategy share one, instead of compiling an expression tree per trial.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, GraphBody> SignalBodies = new(StringComparer.Ordinal);

    public static CompiledStrategy Compile(StrategyDefinition definition)
    {
        var layout = new SlotLayout();
        foreach (var name in PriceFields.Names) layout.Add(name, 1);
        var components = CompiledComponent.Layout(layout, definition.Components);
        var indicators = WithImplicitAtr(definition, out string? atrId);
        var ordered = DependencyOrder(indicators);
        var outputBase = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var spec in ordered) outputBase[spec.Id] = AddIndicatorSlots(layout, spec, definition.Timeframe);
        int signalBase = layout.Count;
        foreach (var signal in definition.Signals) layout.Add(signal.Id, SignalWarmUp(signal, layout));

        var entries = definition.Entry.Select(r => CompileRule(r, layout)).ToList();
        var exits = definition.Exit.Signals.Select(r => CompileRule(r, layout)).ToList();
        int atrSlot = atrId is null ? -1 : layout.Resolve(atrId);
        bool derived = ordered.Any(s => s.Source is "hl2" or "hlc3" or "ohlc4")
            || layout.WasResolved((int)PriceField.Hl2) || layout.WasResolved((int)PriceField.Hlc3) || layout.WasResolved((int)PriceField.Ohlc4);
        GraphBody? body = null;   // compiled with the first pipeline; every symbol's graph has the same shape
        return new CompiledStrategy(definition, layout, entries, exits, atrSlot, () =>
        {
            var (nodes, signals) = BuildGraph(definition, ordered, outputBase, layout);
            body ??= GraphCompiler.Compile(nodes, signals, signalBase);
            return new SymbolPipeline(layout.Count, nodes, signals, derived, body);
        })
        {
            Components = components,
            Indicators = ordered.Select(s => new CompiledIndicator(s, outputBase[s.Id], Descriptor(s).Outputs.Count)).ToArray(),
            SharedPipeline = shared =>
            {
                var signals = definition.Signals.Select(s => CreateSignal(s, layout)).ToArray();
                var body = SignalBodies.GetOrAdd(signalBase + ":" + string.Join(",", signals.Select(x => x.GetType().FullName)),
                    _ => GraphCompiler.Compile([], signals, signalBase));
                return new SymbolPipeline(layout.Count, [], signals, derived, body) { Shared = shared };
            },
        };
    }

    private static List<IndicatorSpec> WithImplicitAtr(StrategyDefinition d, out string? atrId)
    {
        var list = d.Indicators.ToList();
        // every distance measured with the ATR at decision time: exits, risk sizing, and entry orders' prices
        PriceDistance?[] distances =
        [
            d.Exit.StopLoss, d.Exit.TakeProfit, d.Exit.TrailingStop, d.Sizing.RiskDistance,
            .. d.Entry.SelectMany(r => (PriceDistance?[])[r.Sizing?.RiskDistance, r.Order?.Limit, r.Order?.Stop, r.Order?.Trail]),
        ];
        var atr = distances.FirstOrDefault(x => x is { Kind: DistanceKind.AtrMultiple });
        atrId = atr?.AtrId;
        if (atr is { AtrId: null } a)
        {
            atrId = ImplicitAtr;
            list.Add(new IndicatorSpec(ImplicitAtr, "atr", new Dictionary<string, double> { ["period"] = a.AtrPeriod }, "close",
                null, default));
        }
        return list;
    }

    private static int AddIndicatorSlots(SlotLayout layout, IndicatorSpec spec, Timeframe baseTimeframe)
    {
        var descriptor = Descriptor(spec);
        var probe = descriptor.Create(new IndicatorArguments(descriptor, spec.Parameters));
        int warmUp = probe.WarmUpPeriod;
        if (spec.Timeframe is { } higher)
            warmUp = (int)Math.Min(int.MaxValue, warmUp * (higher.Milliseconds / baseTimeframe.Milliseconds));
        else if (!PriceFields.TryParse(spec.Source, out _) && descriptor.Input == IndicatorInput.Series)
            warmUp += layout.WarmUpOf(layout.Resolve(spec.Source)) - 1;
        int first = layout.Add(spec.Id, warmUp);
        for (int o = 1; o < descriptor.Outputs.Count; o++) layout.Add(spec.Id + "." + descriptor.Outputs[o], warmUp);
        layout.AddAlias(spec.Id + "." + descriptor.Outputs[0], first);
        return first;
    }

    /// <summary>Bars until the signal can fire: the slowest series it reads, then its own warm-up counted from the
    /// first bar on which that series is ready. Built once here, so a spec the engine cannot build fails at compile.</summary>
    private static int SignalWarmUp(SignalSpec signal, SlotLayout layout)
    {
        int inputs = 1;
        foreach (var name in signal.Arguments.Series.Values)
            if (layout.Resolve(name) is >= 0 and var slot)
                inputs = Math.Max(inputs, layout.WarmUpOf(slot));
        int own = CreateSignal(signal, layout).WarmUpPeriod;
        return inputs + own - 1;
    }

    private static CompiledRule CompileRule(RuleSpec rule, SlotLayout layout)
    {
        var predicate = RuleCompiler.Compile(RuleParser.Parse(rule.When), layout.Resolve, out var read);
        int warmUp = read.Select(layout.WarmUpOf).DefaultIfEmpty(1).Max();
        return new CompiledRule(predicate, rule.Action, rule.When, warmUp, rule.Sizing, rule.Order);
    }

    private static (IndicatorNode[] Nodes, SignalComponent[] Signals) BuildGraph(StrategyDefinition d, List<IndicatorSpec> ordered,
        Dictionary<string, int> outputBase, SlotLayout layout)
    {
        var nodes = new IndicatorNode[ordered.Count];
        for (int i = 0; i < ordered.Count; i++)
        {
            var spec = ordered[i];
            var descriptor = Descriptor(spec);
            var indicator = descriptor.Create(new IndicatorArguments(descriptor, spec.Parameters));
            bool isField = PriceFields.TryParse(spec.Source, out var field);
            int inputSlot = isField || descriptor.Input == IndicatorInput.Bar ? -1 : layout.Resolve(spec.Source);
            var resampler = spec.Timeframe is { } higher ? new CandleResampler(d.Timeframe, higher) : null;
            nodes[i] = new IndicatorNode(indicator, field, resampler is null ? inputSlot : -1, outputBase[spec.Id], resampler);
        }
        return (nodes, d.Signals.Select(s => CreateSignal(s, layout)).ToArray());
    }

    /// <summary>The signal its spec describes, built by its type's descriptor; a refused argument (the loader lets none
    /// through) names the signal's place in the file.</summary>
    private static SignalComponent CreateSignal(SignalSpec s, SlotLayout layout)
    {
        try { return Descriptor(s).Build(s.Arguments, layout.Resolve); }
        catch (ArgumentException e) { throw new InvalidOperationException($"{s.Location}: {e.Message}", e); }
    }

    private static SignalDescriptor Descriptor(SignalSpec s) =>
        SignalRegistry.TryGet(s.Type, out var d) ? d : throw new NotSupportedException($"signal type '{s.Type}' ({s.Location}) is not supported by the engine");

    private static IndicatorDescriptor Descriptor(IndicatorSpec spec) =>
        IndicatorRegistry.TryGet(spec.Type, out var d) ? d : throw new InvalidOperationException($"{spec.Location}: unknown indicator type '{spec.Type}'");

    /// <summary>Orders indicators so each comes after the indicator it reads (stable for independent ones).</summary>
    private static List<IndicatorSpec> DependencyOrder(List<IndicatorSpec> specs)
    {
        var byId = specs.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<IndicatorSpec>(specs.Count);
        void Visit(IndicatorSpec s, int depth)
        {
            if (depth > specs.Count) throw new InvalidOperationException($"{s.Location}: indicator sources form a cycle");
            if (done.Contains(s.Id)) return;
            string sourceId = s.Source.Split('.')[0];
            if (byId.TryGetValue(sourceId, out var source)) Visit(source, depth + 1);
            if (done.Add(s.Id)) ordered.Add(s);
        }
        foreach (var s in specs) Visit(s, 0);
        return ordered;
    }
}
