using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Baton.Engine.Live.Snapshots;

/// <summary>How the state copier handles one type, worked out once per type (reflection is cached here, never
/// repeated per object).</summary>
internal enum ShapeKind
{
    /// <summary>A primitive, an enum or <see cref="decimal"/>: written as its bits.</summary>
    Scalar,
    String,
    /// <summary>A value type walked field by field.</summary>
    Struct,
    /// <summary>A <see cref="Nullable{T}"/> (boxed as its value or null): a flag, then the value.</summary>
    Nullable,
    /// <summary>An object walked field by field, in place when the fresh engine has one of the same class.</summary>
    Class,
    /// <summary>An array of a type without references: copied as raw bytes.</summary>
    RawArray,
    Array,
    /// <summary>A <see cref="Dictionary{TKey,TValue}"/>: its pairs, re-added (its buckets hold per-process string hashes).</summary>
    Map,
    /// <summary>A <see cref="HashSet{T}"/>: its items, re-added, for the same reason.</summary>
    Set,
    /// <summary>A delegate: kept as the fresh engine built it; the objects it is bound to are walked.</summary>
    Delegate,
    /// <summary>Not state: reflection objects, comparers, time zones, a lock object. Its class is checked, nothing else.</summary>
    Opaque,
}

internal sealed class TypeShape
{
    private static readonly ConcurrentDictionary<Type, TypeShape> Shapes = new();

    private TypeShape(Type type)
    {
        Type = type;
        Name = type.AssemblyQualifiedName ?? type.FullName ?? type.Name;
        Kind = KindOf(type);
        if (Kind is ShapeKind.Struct or ShapeKind.Class) Fields = FieldsOf(type);
        if (Kind is ShapeKind.Array or ShapeKind.RawArray)
        {
            Element = type.GetElementType()!;
            if (type.GetArrayRank() != 1) throw new NotSupportedException($"snapshot: {type} has {type.GetArrayRank()} dimensions; only vectors are copied");
            if (Kind == ShapeKind.RawArray) ElementSize = RuntimeHelpers.SizeOf(Element.TypeHandle);
        }
        if (Kind == ShapeKind.Nullable) Element = System.Nullable.GetUnderlyingType(type);
        if (Kind is ShapeKind.Map or ShapeKind.Set)
        {
            var args = type.GetGenericArguments();
            Element = args[0];
            Value = args.Length > 1 ? args[1] : null;
            Add = type.GetMethod("Add", args)!;
            Clear = type.GetMethod("Clear", Type.EmptyTypes)!;
        }
    }

    public static TypeShape Of(Type type) => Shapes.GetOrAdd(type, static t => new TypeShape(t));

    private static readonly ConcurrentDictionary<FieldInfo, Func<object, object>> Trims = new();

    /// <summary>Declares <paramref name="field"/> a history that decides nothing (finished orders, closed trades): a snapshot
    /// holds only what <paramref name="trim"/> keeps of it, so its size stays bounded however long the session runs.</summary>
    public static void Trimmed(FieldInfo field, Func<object, object> trim) => Trims[field] = trim;

    public static Func<object, object>? Trim(FieldInfo field) => Trims.IsEmpty ? null : Trims.GetValueOrDefault(field);

    public Type Type { get; }
    public string Name { get; }
    public ShapeKind Kind { get; }
    public FieldInfo[] Fields { get; } = [];
    /// <summary>Array element, map key or set item.</summary>
    public Type? Element { get; }
    /// <summary>Map value.</summary>
    public Type? Value { get; }
    public int ElementSize { get; }
    public MethodInfo? Add { get; }
    public MethodInfo? Clear { get; }

    private static ShapeKind KindOf(Type type)
    {
        if (type.IsPrimitive || type.IsEnum || type == typeof(decimal)) return ShapeKind.Scalar;
        if (type == typeof(string)) return ShapeKind.String;
        if (System.Nullable.GetUnderlyingType(type) is not null) return ShapeKind.Nullable;
        if (type.IsArray) return HasReferences(type.GetElementType()!) ? ShapeKind.Array : ShapeKind.RawArray;
        if (typeof(Delegate).IsAssignableFrom(type)) return ShapeKind.Delegate;
        if (type.IsPointer || type.IsByRefLike) throw new NotSupportedException($"snapshot: cannot copy {type}");
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>)) return ShapeKind.Map;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(HashSet<>)) return ShapeKind.Set;
        if (IsOpaque(type)) return ShapeKind.Opaque;
        return type.IsValueType ? ShapeKind.Struct : ShapeKind.Class;
    }

    private static bool IsOpaque(Type type)
    {
        if (type == typeof(object) || type == typeof(Lock) || typeof(MemberInfo).IsAssignableFrom(type) || typeof(Module).IsAssignableFrom(type)
            || typeof(Assembly).IsAssignableFrom(type) || type == typeof(TimeZoneInfo) || type == typeof(System.Globalization.CultureInfo))
            return true;
        if (type.Assembly != typeof(object).Assembly) return false;
        return typeof(IComparer).IsAssignableFrom(type) || typeof(IEqualityComparer).IsAssignableFrom(type)
            || type.GetInterfaces().Any(i => i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(IComparer<>) || i.GetGenericTypeDefinition() == typeof(IEqualityComparer<>)));
    }

    /// <summary>Whether a value of <paramref name="type"/> holds a reference anywhere (then it cannot be copied as bytes).</summary>
    public static bool HasReferences(Type type)
    {
        if (type.IsPrimitive || type.IsEnum || type == typeof(decimal)) return false;
        if (!type.IsValueType) return true;
        return FieldsOf(type).Any(f => HasReferences(f.FieldType));
    }

    /// <summary>Instance fields, base class first, each class's in declaration (metadata) order.</summary>
    private static FieldInfo[] FieldsOf(Type type)
    {
        var chain = new List<Type>();
        for (var t = type; t is not null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType) chain.Add(t);
        chain.Reverse();
        return [.. chain.SelectMany(t => t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .OrderBy(f => f.MetadataToken))];
    }
}
