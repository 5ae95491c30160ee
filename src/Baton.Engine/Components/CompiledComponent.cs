using Baton.Engine.Compilation;
using Baton.Engine.Strategy;

namespace Baton.Engine.Components;

/// <summary>An external component placed in the slot layout: its outputs fill <see cref="Width"/> slots from <see cref="FirstSlot"/>
/// (in the order of <see cref="ComponentSpec.SlotNames"/>).</summary>
/// <param name="Index">Position in <see cref="StrategyDefinition.Components"/>.</param>
public sealed record CompiledComponent(int Index, ComponentSpec Spec, int FirstSlot)
{
    public int Width => Spec.SlotNames.Count;

    /// <summary>Adds every component's slots to <paramref name="layout"/> (warm-up 1: a component's readiness is
    /// carried by NaN, not by a bar count). Called before indicators are laid out, so a built-in indicator or
    /// signal can read a component's output.</summary>
    internal static IReadOnlyList<CompiledComponent> Layout(SlotLayout layout, IReadOnlyList<ComponentSpec> components)
    {
        var compiled = new CompiledComponent[components.Count];
        for (int i = 0; i < components.Count; i++)
        {
            var spec = components[i];
            int first = -1;
            foreach (var name in spec.SlotNames)
            {
                int slot = layout.Add(name, 1);
                if (first < 0) first = slot;
            }
            if (spec.Kind == ComponentKind.Indicator) layout.AddAlias(spec.Id + "." + spec.ValueNames[0], first);
            compiled[i] = new CompiledComponent(i, spec, first);
        }
        return compiled;
    }
}
