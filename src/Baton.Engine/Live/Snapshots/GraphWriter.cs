using System.Collections;
using System.Runtime.InteropServices;

namespace Baton.Engine.Live.Snapshots;

/// <summary>Tags of a reference slot in a snapshot.</summary>
internal enum SlotTag : byte
{
    Null,
    String,
    /// <summary>An object met earlier in the walk: its number.</summary>
    Reference,
    /// <summary>A new object: its class, then its content.</summary>
    Object,
    /// <summary>A boxed value: its type, then its fields.</summary>
    Boxed,
    /// <summary>Not state (compiled strategy, comparer, reflection object): its class only.</summary>
    Opaque,
    /// <summary>A delegate: its method name and the objects it is bound to.</summary>
    Delegate,
}

/// <summary>
/// Writes the object graph under some roots as a compact binary blob: every field of every object reached, in a fixed
/// order (<see cref="TypeShape"/>), each object once (later references by number). Objects in <paramref name="frozen"/>
/// (the compiled strategy, which a fresh engine shares) are named, not written. <see cref="GraphReader"/> writes it back.
/// </summary>
internal sealed class GraphWriter(BinaryWriter output, IReadOnlySet<object> frozen)
{
    private readonly Dictionary<object, int> _ids = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Type, int> _types = [];
    private readonly Dictionary<string, int> _strings = new(StringComparer.Ordinal);

    /// <summary>The objects met so far (the frozen set of a compiled strategy is the walk of it).</summary>
    public IEnumerable<object> Objects => _ids.Keys;

    public void WriteRoot(object root)
    {
        _ids[root] = _ids.Count;
        WriteFields(TypeShape.Of(root.GetType()), root);
    }

    /// <summary>A slot declared of type <paramref name="declared"/>: a scalar or struct inline, anything else tagged.</summary>
    private void WriteSlot(Type declared, object? value)
    {
        var shape = TypeShape.Of(declared);
        if (shape.Kind == ShapeKind.Scalar) WriteScalar(shape.Type, value!);
        else if (shape.Kind == ShapeKind.Struct) WriteFields(shape, value!);
        else if (shape.Kind == ShapeKind.Nullable)
        {
            output.Write(value is not null);
            if (value is not null) WriteSlot(shape.Element!, value);
        }
        else WriteReference(value);
    }

    private void WriteReference(object? value)
    {
        if (value is null)
        {
            output.Write((byte)SlotTag.Null);
            return;
        }
        if (value is string s)
        {
            output.Write((byte)SlotTag.String);
            WriteString(s);
            return;
        }
        if (_ids.TryGetValue(value, out int id))
        {
            output.Write((byte)SlotTag.Reference);
            output.Write7BitEncodedInt(id);
            return;
        }
        var shape = TypeShape.Of(value.GetType());
        if (shape.Kind == ShapeKind.Delegate)
        {
            WriteDelegate(shape, (Delegate)value);
            return;
        }
        if (shape.Type.IsValueType)
        {
            output.Write((byte)SlotTag.Boxed);
            WriteType(shape.Type);
            WriteSlot(shape.Type, value);
            return;
        }
        _ids[value] = _ids.Count;
        bool opaque = shape.Kind == ShapeKind.Opaque || frozen.Contains(value);
        output.Write((byte)(opaque ? SlotTag.Opaque : SlotTag.Object));
        WriteType(shape.Type);
        if (!opaque) WriteContent(shape, value);
    }

    private void WriteDelegate(TypeShape shape, Delegate d)
    {
        output.Write((byte)SlotTag.Delegate);
        WriteType(shape.Type);
        var list = d.GetInvocationList();
        output.Write(list.Length);
        foreach (var one in list)
        {
            WriteString(one.Method.Name);
            WriteReference(one.Target);
        }
    }

    private void WriteContent(TypeShape shape, object value)
    {
        switch (shape.Kind)
        {
            case ShapeKind.RawArray:
                var raw = (Array)value;
                output.Write(raw.Length);
                output.Write(MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetArrayDataReference(raw), checked(raw.Length * shape.ElementSize)));
                break;
            case ShapeKind.Array:
                var array = (Array)value;
                output.Write(array.Length);
                for (int i = 0; i < array.Length; i++) WriteSlot(shape.Element!, array.GetValue(i));
                break;
            case ShapeKind.Map:
                var map = (IDictionary)value;
                output.Write(map.Count);
                foreach (DictionaryEntry e in map)
                {
                    WriteSlot(shape.Element!, e.Key);
                    WriteSlot(shape.Value!, e.Value);
                }
                break;
            case ShapeKind.Set:
                var items = ((IEnumerable)value).Cast<object?>().ToList();
                output.Write(items.Count);
                foreach (var item in items) WriteSlot(shape.Element!, item);
                break;
            default:
                WriteFields(shape, value);
                break;
        }
    }

    private void WriteFields(TypeShape shape, object value)
    {
        foreach (var f in shape.Fields)
        {
            object? v;
            try
            {
                v = f.GetValue(value);
                if (v is not null && TypeShape.Trim(f) is { } trim) v = trim(v);
            }
            catch (FieldAccessException e)
            {
                throw new NotSupportedException($"snapshot: cannot read {shape.Type}.{f.Name}", e);
            }
            WriteSlot(f.FieldType, v);
        }
    }

    /// <summary>A class by number, its name the first time only.</summary>
    private void WriteType(Type type)
    {
        if (_types.TryGetValue(type, out int n))
        {
            output.Write7BitEncodedInt(n);
            return;
        }
        _types[type] = n = _types.Count;
        output.Write7BitEncodedInt(n);
        output.Write(TypeShape.Of(type).Name);
    }

    /// <summary>A string by number, its text the first time only (order reasons, symbols and the like repeat).</summary>
    private void WriteString(string s)
    {
        if (_strings.TryGetValue(s, out int n))
        {
            output.Write7BitEncodedInt(n);
            return;
        }
        _strings[s] = n = _strings.Count;
        output.Write7BitEncodedInt(n);
        output.Write(s);
    }

    private void WriteScalar(Type type, object value)
    {
        switch (Type.GetTypeCode(type))
        {
            case TypeCode.Boolean: output.Write((bool)value); break;
            case TypeCode.Char: output.Write((ushort)(char)value); break;
            case TypeCode.Double: output.Write((double)value); break;
            case TypeCode.Single: output.Write((float)value); break;
            case TypeCode.Decimal: output.Write((decimal)value); break;
            case TypeCode.UInt64: output.Write((ulong)value); break;
            case TypeCode.Object: output.Write(type == typeof(nint) ? (long)(nint)value : (long)(nuint)value); break;   // nint, nuint
            default: output.Write(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;    // integers, enums
        }
    }
}
