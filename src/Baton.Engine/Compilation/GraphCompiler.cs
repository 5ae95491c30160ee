using Baton.Core.Indicators;
using Baton.Core.Market;
using Baton.Core.Signals;
using LinqExpr = System.Linq.Expressions.Expression;
using ParamExpr = System.Linq.Expressions.ParameterExpression;

namespace Baton.Engine.Compilation;

/// <summary>Steps 3 and 4 for one symbol, price fields already in <paramref name="slots"/>: every node and signal of
/// the graph, called on that symbol's own objects (<paramref name="targets"/>, in <see cref="GraphCompiler.Targets"/>
/// order).</summary>
internal delegate void GraphBody(object[] targets, in Candle candle, double[] slots);

/// <summary>
/// Compiles a strategy's indicator and signal graph into one method, the way <see cref="Baton.Core.Rules.RuleCompiler"/>
/// compiles a rule: an expression tree, compiled once. Each indicator and signal is read once from the targets into a
/// variable of its own class (a cast the compiled code checks), and called on that class, which is sealed, so the JIT
/// calls it directly and inlines the small ones; slots are read and written at fixed indexes. There is no virtual call,
/// no branch on a node's shape and no output loop per node. An input slot still NaN is withheld from its indicator,
/// whose outputs then keep their values. Nodes on a higher timeframe are called as they are (their resampler has its
/// own state). The method depends only on the graph's shape (classes and slots), which every symbol of a strategy
/// shares, so it is compiled once per strategy and each symbol passes its own objects.
/// </summary>
internal static class GraphCompiler
{
    /// <summary>The objects the compiled method calls, in its order: each node's indicator (or the node itself when
    /// it runs on a higher timeframe), then each signal.</summary>
    public static object[] Targets(IndicatorNode[] nodes, SignalComponent[] signals) =>
        [.. nodes.Select(n => n.IsHigher ? n : (object)n.Indicator), .. signals];

    public static GraphBody Compile(IndicatorNode[] nodes, SignalComponent[] signals, int signalSlot)
    {
        var targets = LinqExpr.Parameter(typeof(object[]), "targets");
        var candle = LinqExpr.Parameter(typeof(Candle).MakeByRefType(), "candle");
        var slots = LinqExpr.Parameter(typeof(double[]), "slots");
        var objects = Targets(nodes, signals);
        var steps = new List<LinqExpr>();
        for (int i = 0; i < objects.Length; i++)
        {
            // each object read just before its calls, into a variable of its own class: a cast the compiled code checks
            var target = LinqExpr.Variable(objects[i].GetType(), $"t{i}");
            var load = LinqExpr.Assign(target, LinqExpr.Convert(LinqExpr.ArrayIndex(targets, LinqExpr.Constant(i)), target.Type));
            steps.Add(LinqExpr.Block([target], load, i >= nodes.Length
                ? LinqExpr.Assign(Slot(slots, signalSlot + i - nodes.Length), LinqExpr.Call(target, nameof(SignalComponent.Evaluate), null, slots))
                : nodes[i].IsHigher
                    ? LinqExpr.Call(target, nameof(IndicatorNode.UpdateHigher), null, candle, slots)
                    : Indicator(nodes[i], target, candle, slots)));
        }
        var body = LinqExpr.Block(steps);
        return LinqExpr.Lambda<GraphBody>(body, "SymbolGraph", [targets, candle, slots]).Compile();
    }

    /// <summary>One indicator's update and the copy of its outputs into their slots; for an input slot, both only when
    /// the input is ready (not NaN).</summary>
    private static LinqExpr Indicator(IndicatorNode node, ParamExpr target, ParamExpr candle, ParamExpr slots)
    {
        var outputs = Enumerable.Range(0, node.Indicator.OutputCount).Select(o => (LinqExpr)LinqExpr.Assign(
            Slot(slots, node.OutputSlot + o), LinqExpr.Property(target, "Item", LinqExpr.Constant(o))));
        if (node.Indicator is not SeriesIndicator)
            return LinqExpr.Block([LinqExpr.Call(target, nameof(Baton.Core.Indicators.Indicator.Update), null, candle), .. outputs]);
        if (node.InputSlot < 0)
            return LinqExpr.Block([LinqExpr.Call(target, nameof(SeriesIndicator.Update), null, Slot(slots, (int)node.Field)), .. outputs]);
        var input = LinqExpr.Variable(typeof(double), "input");
        return LinqExpr.Block([input],
            LinqExpr.Assign(input, Slot(slots, node.InputSlot)),
            LinqExpr.IfThen(LinqExpr.Equal(input, input),   // false only for NaN: an input not ready is withheld
                LinqExpr.Block([LinqExpr.Call(target, nameof(SeriesIndicator.Update), null, input), .. outputs])));
    }

    private static LinqExpr Slot(ParamExpr slots, int index) => LinqExpr.ArrayAccess(slots, LinqExpr.Constant(index));
}
