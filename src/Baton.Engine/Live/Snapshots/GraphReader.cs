using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Baton.Engine.Live.Snapshots;

/// <summary>A snapshot that does not fit the engine it is written into (another build or another strategy slipped past
/// the header check, or a damaged blob): the caller falls back to a full re-feed.</summary>
internal sealed class SnapshotMismatchException(string message) : Exception(message);

/// <summary>
/// Writes a <see cref="GraphWriter"/> blob back into a freshly built engine, in place: an object the fresh engine already
/// has (same class at the same place) is overwritten field by field, so the compiled parts it is wired to (the compiled
/// graph, rule delegates, event handlers) stay wired; an object the fresh engine lacks (an order, a position) is
/// created; an array of another length is replaced. Anything that does not match throws
/// <see cref="SnapshotMismatchException"/>.
/// </summary>
internal sealed class GraphReader(BinaryReader input)
{
    private readonly List<object> _objects = [];
    private readonly List<Type> _types = [];
    private readonly List<string> _strings = [];

    public void ReadRoot(object root)
    {
        _objects.Add(root);
        ReadFields(TypeShape.Of(root.GetType()), root);
    }

    private object? ReadSlot(Type declared, object? existing)
    {
        var shape = TypeShape.Of(declared);
        if (shape.Kind == ShapeKind.Scalar) return ReadScalar(shape.Type);
        if (shape.Kind == ShapeKind.Struct)
        {
            var box = existing ?? RuntimeHelpers.GetUninitializedObject(shape.Type);
            ReadFields(shape, box);
            return box;
        }
        if (shape.Kind == ShapeKind.Nullable) return input.ReadBoolean() ? ReadSlot(shape.Element!, existing) : null;
        return ReadReference(existing);
    }

    private object? ReadReference(object? existing)
    {
        var tag = (SlotTag)input.ReadByte();
        switch (tag)
        {
            case SlotTag.Null: return null;
            case SlotTag.String: return ReadString();
            case SlotTag.Reference:
                int id = input.Read7BitEncodedInt();
                return id >= 0 && id < _objects.Count ? _objects[id] : throw new SnapshotMismatchException($"object {id} referenced before it was read");
            case SlotTag.Delegate: return ReadDelegate(existing);
            case SlotTag.Boxed:
                var boxed = ReadType(existing);
                return ReadSlot(boxed, existing?.GetType() == boxed ? existing : null);
            case SlotTag.Opaque:
                var opaque = ReadType(existing);
                if (existing is null || existing.GetType() != opaque)
                    throw new SnapshotMismatchException($"expected a {opaque.Name} where the fresh engine has {Describe(existing)}");
                _objects.Add(existing);
                return existing;
            case SlotTag.Object: return ReadObject(TypeShape.Of(ReadType(existing)), existing);
            default: throw new SnapshotMismatchException($"unknown tag {(byte)tag}");
        }
    }

    private object ReadDelegate(object? existing)
    {
        var type = ReadType(existing);
        string name = type.Name;
        int count = input.ReadInt32();
        if (existing is not Delegate d || d.GetType() != type)
            throw new SnapshotMismatchException($"expected a delegate {name} where the fresh engine has {Describe(existing)}");
        var list = d.GetInvocationList();
        if (list.Length != count) throw new SnapshotMismatchException($"delegate {name}: {count} handlers in the snapshot, {list.Length} fresh");
        foreach (var one in list)
        {
            string method = ReadString();
            if (one.Method.Name != method) throw new SnapshotMismatchException($"delegate {name}: bound to {method} in the snapshot, {one.Method.Name} fresh");
            if (!ReferenceEquals(ReadReference(one.Target), one.Target))
                throw new SnapshotMismatchException($"delegate {name}: bound to another object than in the snapshot");
        }
        return d;
    }

    private object ReadObject(TypeShape shape, object? existing)
    {
        bool same = existing is not null && existing.GetType() == shape.Type;
        object target;
        if (shape.Kind is ShapeKind.Array or ShapeKind.RawArray)
        {
            int length = input.ReadInt32();
            target = same && ((Array)existing!).Length == length ? existing! : Array.CreateInstance(shape.Element!, length);
        }
        else if (shape.Kind is ShapeKind.Map or ShapeKind.Set) target = same ? existing! : Activator.CreateInstance(shape.Type)!;
        else target = same ? existing! : RuntimeHelpers.GetUninitializedObject(shape.Type);
        _objects.Add(target);
        ReadContent(shape, target);
        return target;
    }

    private void ReadContent(TypeShape shape, object target)
    {
        switch (shape.Kind)
        {
            case ShapeKind.RawArray:
                var raw = (Array)target;
                var bytes = MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(raw), checked(raw.Length * shape.ElementSize));
                if (input.Read(bytes) != bytes.Length) throw new SnapshotMismatchException("the snapshot ends inside an array");
                break;
            case ShapeKind.Array:
                var array = (Array)target;
                for (int i = 0; i < array.Length; i++)
                {
                    var old = array.GetValue(i);
                    var value = ReadSlot(shape.Element!, old);
                    if (shape.Element!.IsValueType || !ReferenceEquals(old, value)) array.SetValue(value, i);
                }
                break;
            case ShapeKind.Map:
                ReadMap(shape, (IDictionary)target);
                break;
            case ShapeKind.Set:
                int count = input.ReadInt32();
                var items = new object?[count];
                for (int i = 0; i < count; i++) items[i] = ReadSlot(shape.Element!, null);
                shape.Clear!.Invoke(target, null);
                foreach (var item in items) shape.Add!.Invoke(target, [item]);
                break;
            case ShapeKind.Class:
            case ShapeKind.Struct:
                ReadFields(shape, target);
                break;
            default:
                throw new SnapshotMismatchException($"cannot restore a {shape.Type}");
        }
    }

    /// <summary>Pairs are read against the fresh map's values for the same keys (so a compiled part stays the fresh one),
    /// then the map is refilled in the snapshot's order.</summary>
    private void ReadMap(TypeShape shape, IDictionary map)
    {
        int count = input.ReadInt32();
        var pairs = new (object Key, object? Value)[count];
        for (int i = 0; i < count; i++)
        {
            var key = ReadSlot(shape.Element!, null) ?? throw new SnapshotMismatchException("a null key in a map");
            pairs[i] = (key, ReadSlot(shape.Value!, map.Contains(key) ? map[key] : null));
        }
        map.Clear();
        foreach (var (key, value) in pairs) map.Add(key, value);
    }

    private void ReadFields(TypeShape shape, object target)
    {
        foreach (var f in shape.Fields)
        {
            var old = f.GetValue(target);
            var value = ReadSlot(f.FieldType, old);
            if (f.FieldType.IsValueType || !ReferenceEquals(old, value)) f.SetValue(target, value);
        }
    }

    private object ReadScalar(Type type)
    {
        switch (Type.GetTypeCode(type))
        {
            case TypeCode.Boolean: return input.ReadBoolean();
            case TypeCode.Char: return (char)input.ReadUInt16();
            case TypeCode.Double: return input.ReadDouble();
            case TypeCode.Single: return input.ReadSingle();
            case TypeCode.Decimal: return input.ReadDecimal();
            case TypeCode.UInt64: return type.IsEnum ? Enum.ToObject(type, input.ReadUInt64()) : input.ReadUInt64();
            case TypeCode.Object: return type == typeof(nint) ? (nint)input.ReadInt64() : (nuint)input.ReadInt64();
            default:
                long n = input.ReadInt64();
                return type.IsEnum ? Enum.ToObject(type, n) : Convert.ChangeType(n, type, CultureInfo.InvariantCulture);
        }
    }

    private Type ReadType(object? existing)
    {
        int n = input.Read7BitEncodedInt();
        if (n < _types.Count) return _types[n];
        if (n > _types.Count) throw new SnapshotMismatchException($"class {n} referenced before it was named");
        var type = Resolve(input.ReadString(), existing);
        _types.Add(type);
        return type;
    }

    private string ReadString()
    {
        int n = input.Read7BitEncodedInt();
        if (n < _strings.Count) return _strings[n];
        if (n > _strings.Count) throw new SnapshotMismatchException($"string {n} referenced before it was written");
        _strings.Add(input.ReadString());
        return _strings[n];
    }

    private static Type Resolve(string name, object? existing)
    {
        if (existing is not null && TypeShape.Of(existing.GetType()).Name == name) return existing.GetType();
        // only assemblies already loaded: a snapshot names classes, it never makes the process load code
        return Type.GetType(name, assembly => AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(assembly, a.GetName())),
            null, throwOnError: false) ?? throw new SnapshotMismatchException($"no class {Short(name)} in this build");
    }

    private static string Describe(object? o) => o is null ? "nothing" : "a " + o.GetType().Name;

    private static string Short(string assemblyQualified) => assemblyQualified.Split(',')[0];
}
