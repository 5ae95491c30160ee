using System.Globalization;
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
        }) { Components = components };
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

    /// <summary>Fields of a signal that name a series (a price field, an indicator output or an earlier signal).</summary>
    private static readonly string[] SignalSeriesKeys = ["above", "below", "input", "upper", "lower", "price", "oscillator"];

    /// <summary>Bars until the signal can fire: the slowest series it reads, then its own warm-up counted from the
    /// first bar on which that series is ready. An external signal is taken to need 2 bars, like a cross.</summary>
    private static int SignalWarmUp(SignalSpec signal, SlotLayout layout)
    {
        int inputs = 1;
        foreach (var key in SignalSeriesKeys)
            if (signal.Arguments.TryGetValue(key, out var name) && layout.Resolve(name) is >= 0 and var slot)
                inputs = Math.Max(inputs, layout.WarmUpOf(slot));
        int own = BuiltInSignal(signal, layout)?.WarmUpPeriod ?? 2;
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

    private static SignalComponent CreateSignal(SignalSpec s, SlotLayout layout) =>
        BuiltInSignal(s, layout) ?? throw new NotSupportedException($"signal type '{s.Type}' ({s.Location}) is not supported by the engine");

    /// <summary>The signal a built-in type describes, or null for a type the engine does not build (external).</summary>
    private static SignalComponent? BuiltInSignal(SignalSpec s, SlotLayout layout) => s.Type switch
    {
        "crossover" => new CrossoverSignal(Slot(s, "above", layout), Slot(s, "below", layout)),
        "threshold" => new ThresholdSignal(Slot(s, "input", layout), Number(s, "level", null),
            Choice(s, "direction", "above", "above", "below") == 0),
        "breakout" => new BreakoutSignal(Slot(s, "input", layout, "close"), OptionalSlot(s, "upper", layout),
            OptionalSlot(s, "lower", layout), (BreakoutDirection)Choice(s, "direction", "any", "up", "down", "any")),
        "rising" or "falling" => new StreakSignal(Slot(s, "input", layout, "close"), Integer(s, "bars"), s.Type == "rising"),
        "divergence" => new DivergenceSignal(Slot(s, "price", layout, "close"), Slot(s, "oscillator", layout),
            Integer(s, "lookback"), Choice(s, "direction", null, "bullish", "bearish") == 0),
        "engulfing" => new EngulfingSignal(Choice(s, "direction", null, "bullish", "bearish") == 0),
        "hammer" => new HammerSignal(Number(s, "shadow_ratio", HammerSignal.DefaultShadowRatio),
            Number(s, "max_upper_shadow", HammerSignal.DefaultMaxUpperShadow)),
        "doji" => new DojiSignal(Number(s, "max_body", DojiSignal.DefaultMaxBody)),
        "morning_star" or "evening_star" => new StarSignal(s.Type == "morning_star", Number(s, "star_body", StarSignal.DefaultStarBody)),
        _ => null,
    };

    private static int Slot(SignalSpec s, string key, SlotLayout layout, string? fallback = null)
    {
        string name = s.Arguments.GetValueOrDefault(key) ?? fallback ?? throw Missing(s, key);
        int slot = layout.Resolve(name);
        return slot >= 0 ? slot : throw new InvalidOperationException($"{s.Location}: {key}: unknown name '{name}'");
    }

    private static int OptionalSlot(SignalSpec s, string key, SlotLayout layout) =>
        s.Arguments.ContainsKey(key) ? Slot(s, key, layout) : -1;

    private static double Number(SignalSpec s, string key, double? fallback)
    {
        if (!s.Arguments.TryGetValue(key, out var text)) return fallback ?? throw Missing(s, key);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v : throw new InvalidOperationException($"{s.Location}: {key}: expected a number, got '{text}'");
    }

    private static int Integer(SignalSpec s, string key)
    {
        string text = s.Arguments.GetValueOrDefault(key) ?? throw Missing(s, key);
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v : throw new InvalidOperationException($"{s.Location}: {key}: expected an integer, got '{text}'");
    }

    /// <summary>The index of the key's value among <paramref name="choices"/>.</summary>
    private static int Choice(SignalSpec s, string key, string? fallback, params string[] choices)
    {
        string text = s.Arguments.GetValueOrDefault(key) ?? fallback ?? throw Missing(s, key);
        int index = Array.IndexOf(choices, text);
        return index >= 0 ? index : throw new InvalidOperationException($"{s.Location}: {key}: expected one of {string.Join(", ", choices)}, got '{text}'");
    }

    private static InvalidOperationException Missing(SignalSpec s, string key) => new($"{s.Location}: a {s.Type} signal needs '{key}'");

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
