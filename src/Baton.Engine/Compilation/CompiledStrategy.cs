using Baton.Core.Rules;
using Baton.Engine.Components;
using Baton.Engine.Strategy;

namespace Baton.Engine.Compilation;

/// <summary>A rule compiled to a delegate over slots, with the bars of data it needs before it can be true.</summary>
public sealed record CompiledRule(RulePredicate Predicate, TradeAction Action, string Text, int WarmUp, SizingSpec? Sizing,
    OrderSpec? Order = null);

/// <summary>
/// A strategy compiled once, at load: the slot layout shared by every symbol, rules as delegates, and a
/// factory for each symbol's own indicator graph. Nothing here is looked up by name per candle.
/// </summary>
public sealed class CompiledStrategy
{
    private readonly Func<SymbolPipeline> _createPipeline;

    internal CompiledStrategy(StrategyDefinition definition, SlotLayout layout, IReadOnlyList<CompiledRule> entries,
        IReadOnlyList<CompiledRule> exits, int atrSlot, Func<SymbolPipeline> createPipeline)
    {
        Definition = definition;
        Layout = layout;
        Entries = entries;
        Exits = exits;
        AtrSlot = atrSlot;
        _createPipeline = createPipeline;
    }

    public StrategyDefinition Definition { get; }
    internal SlotLayout Layout { get; }
    public IReadOnlyList<CompiledRule> Entries { get; }
    public IReadOnlyList<CompiledRule> Exits { get; }
    /// <summary>Slot of the ATR that ATR-multiple distances use, or −1 when none is needed.</summary>
    public int AtrSlot { get; }

    /// <summary>External components and the slots their outputs fill (laid out right after the price fields).</summary>
    public IReadOnlyList<CompiledComponent> Components { get; init; } = [];

    /// <summary>The indicators of the graph in dependency order (the implicit ATR included), each with its first output
    /// slot: what a shared graph (<see cref="SharedGraph"/>) computes once for many trials.</summary>
    internal IReadOnlyList<CompiledIndicator> Indicators { get; init; } = [];

    /// <summary>A symbol's graph without its indicators: their outputs are copied from a shared graph's values, then the
    /// strategy's own signals run.</summary>
    internal Func<SharedSlots, SymbolPipeline>? SharedPipeline { get; init; }

    /// <summary>Bars needed before every rule's inputs are ready (the largest rule warm-up).</summary>
    public int WarmUp => Entries.Concat(Exits).Select(r => r.WarmUp).DefaultIfEmpty(1).Max();

    /// <summary>A fresh indicator graph for one symbol.</summary>
    internal SymbolPipeline CreatePipeline() => _createPipeline();
}

/// <summary>An indicator of a compiled graph: its spec (sources as written), its first output slot and how many outputs.</summary>
internal sealed record CompiledIndicator(IndicatorSpec Spec, int Slot, int Outputs);

/// <summary>Names to slot indexes, and how many bars each slot needs before it holds a value.</summary>
internal sealed class SlotLayout
{
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly List<int> _warmUps = [];
    private readonly HashSet<int> _resolved = [];

    public int Count => _warmUps.Count;

    public int Add(string name, int warmUp)
    {
        _slots.Add(name, _warmUps.Count);
        _warmUps.Add(warmUp);
        return _warmUps.Count - 1;
    }

    /// <summary>Makes <paramref name="name"/> a second name of <paramref name="slot"/> (<c>macd.macd</c> = <c>macd</c>).</summary>
    public void AddAlias(string name, int slot) => _slots.TryAdd(name, slot);

    /// <summary>The slot of <paramref name="name"/>, or −1.</summary>
    public int Resolve(string name)
    {
        if (!_slots.TryGetValue(name, out int slot)) return -1;
        _resolved.Add(slot);
        return slot;
    }

    /// <summary>True once anything resolved <paramref name="slot"/> by name (a rule, a signal, an indicator source).</summary>
    public bool WasResolved(int slot) => _resolved.Contains(slot);

    public int WarmUpOf(int slot) => _warmUps[slot];
}
