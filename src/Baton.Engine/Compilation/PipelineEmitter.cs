using System.Reflection;
using System.Reflection.Emit;
using Baton.Core.Indicators;
using Baton.Core.Market;
using Baton.Core.Signals;

namespace Baton.Engine.Compilation;

/// <summary>Steps 3 and 4 for one symbol, price fields already in <paramref name="slots"/>, bound to that symbol's nodes'
/// objects (<see cref="PipelineEmitter.Targets"/>).</summary>
internal delegate void PipelineBody(in Candle candle, double[] slots);

/// <summary>An emitted graph method, <c>(object[] targets, in Candle, double[] slots)</c>, and the exact class of each
/// object it expects in <c>targets</c>, in order.</summary>
internal sealed record PipelineMethod(DynamicMethod Method, Type[] TargetTypes)
{
    /// <summary>The method bound to one symbol's objects: a delegate closed over its first argument, called with no
    /// argument shuffling.</summary>
    public PipelineBody Bind(object[] targets)
    {
        CheckTargets(targets);
        return (PipelineBody)Method.CreateDelegate(typeof(PipelineBody), targets);
    }

    /// <summary>Throws unless every object is of the class the method was emitted for: the method reads them without
    /// a cast check.</summary>
    private void CheckTargets(object[] targets)
    {
        if (targets.Length != TargetTypes.Length) throw new InvalidOperationException($"the graph method takes {TargetTypes.Length} objects, not {targets.Length}");
        for (int i = 0; i < targets.Length; i++)
            if (targets[i].GetType() != TargetTypes[i])
                throw new InvalidOperationException($"the graph method expects a {TargetTypes[i].Name} at {i}, not a {targets[i].GetType().Name}");
    }
}

/// <summary>
/// Compiles a strategy's indicator and signal graph into one method (IL, JIT-compiled like any other code). Each
/// indicator and signal is called on its own class, which is sealed, so the JIT calls it directly and inlines
/// the small ones; slots are read and written at fixed indexes. There is no virtual call, no branch on a node's
/// shape and no output loop per node. An input slot still NaN is withheld from its indicator, whose outputs then
/// keep their values. Nodes on a higher timeframe are called as they are (their resampler has its own state).
/// The method depends only on the graph's shape (types and slots), which every symbol of a strategy shares, so
/// it is emitted once per strategy and each symbol passes its own objects.
/// </summary>
internal static class PipelineEmitter
{
    private static readonly MethodInfo NodeUpdate = typeof(IndicatorNode).GetMethod(nameof(IndicatorNode.UpdateHigher))!;
    private static readonly MethodInfo Output = typeof(Indicator).GetProperty("Item")!.GetMethod!;

    /// <summary>The objects the emitted method calls, in its order: each node's indicator (or the node itself when
    /// it runs on a higher timeframe), then each signal.</summary>
    public static object[] Targets(IndicatorNode[] nodes, SignalComponent[] signals) =>
        [.. nodes.Select(n => n.IsHigher ? n : (object)n.Indicator), .. signals];

    public static PipelineMethod Emit(IndicatorNode[] nodes, SignalComponent[] signals, int signalSlot)
    {
        var method = new DynamicMethod("SymbolPipeline", null, [typeof(object[]), typeof(Candle).MakeByRefType(), typeof(double[])],
            typeof(PipelineEmitter).Module, skipVisibility: true);
        method.DefineParameter(2, ParameterAttributes.In, "candle");
        var il = method.GetILGenerator();
        for (int i = 0; i < nodes.Length; i++)
        {
            var node = nodes[i];
            if (node.IsHigher)
            {
                il.Emit(OpCodes.Ldloc, LoadTarget(il, i, typeof(IndicatorNode)));
                il.Emit(OpCodes.Ldarg_1);
                il.Emit(OpCodes.Ldarg_2);
                il.Emit(OpCodes.Callvirt, NodeUpdate);
                continue;
            }
            EmitIndicator(il, node, i);
        }
        for (int i = 0; i < signals.Length; i++)
        {
            var type = signals[i].GetType();
            var target = LoadTarget(il, nodes.Length + i, type);
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Ldc_I4, signalSlot + i);
            il.Emit(OpCodes.Ldloc, target);
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Callvirt, type.GetMethod(nameof(SignalComponent.Evaluate), [typeof(double[])])!);
            il.Emit(OpCodes.Stelem_R8);
        }
        il.Emit(OpCodes.Ret);
        return new PipelineMethod(method, [.. Targets(nodes, signals).Select(t => t.GetType())]);
    }

    private static void EmitIndicator(ILGenerator il, IndicatorNode node, int index)
    {
        var indicator = node.Indicator;
        var type = indicator.GetType();
        var skip = il.DefineLabel();
        var target = LoadTarget(il, index, type);
        il.Emit(OpCodes.Ldloc, target);
        if (indicator is not SeriesIndicator)
        {
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Callvirt, type.GetMethod(nameof(Indicator.Update), [typeof(Candle).MakeByRefType()])!);
        }
        else
        {
            var update = type.GetMethod(nameof(SeriesIndicator.Update), [typeof(double)])!;
            LoadSlot(il, node.InputSlot < 0 ? (int)node.Field : node.InputSlot);
            if (node.InputSlot >= 0)
            {
                // an input not ready yet is withheld, and the outputs keep their values
                var input = il.DeclareLocal(typeof(double));
                il.Emit(OpCodes.Stloc, input);
                var ready = il.DefineLabel();
                il.Emit(OpCodes.Ldloc, input);
                il.Emit(OpCodes.Ldloc, input);
                il.Emit(OpCodes.Beq, ready);   // false only for NaN
                il.Emit(OpCodes.Pop);
                il.Emit(OpCodes.Br, skip);
                il.MarkLabel(ready);
                il.Emit(OpCodes.Ldloc, input);
            }
            il.Emit(OpCodes.Callvirt, update);
        }
        for (int o = 0; o < indicator.OutputCount; o++)
        {
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Ldc_I4, node.OutputSlot + o);
            il.Emit(OpCodes.Ldloc, target);
            il.Emit(OpCodes.Ldc_I4, o);
            il.Emit(OpCodes.Call, Output);
            il.Emit(OpCodes.Stelem_R8);
        }
        il.MarkLabel(skip);
    }

    /// <summary>Loads object <paramref name="index"/> once into a local of its own class, without a cast check: the
    /// array is built by <see cref="Targets"/> from the same nodes and signals, so each element is of that class.</summary>
    private static LocalBuilder LoadTarget(ILGenerator il, int index, Type type)
    {
        var local = il.DeclareLocal(type);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldc_I4, index);
        il.Emit(OpCodes.Ldelem_Ref);
        il.Emit(OpCodes.Stloc, local);
        return local;
    }

    private static void LoadSlot(ILGenerator il, int slot)
    {
        il.Emit(OpCodes.Ldarg_2);
        il.Emit(OpCodes.Ldc_I4, slot);
        il.Emit(OpCodes.Ldelem_R8);
    }
}
