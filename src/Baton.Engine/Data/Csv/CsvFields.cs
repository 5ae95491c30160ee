using System.Runtime.CompilerServices;
using System.Text;

namespace Baton.Engine.Data.Csv;

/// <summary>Small helpers for CSV fields held as UTF-8 bytes.</summary>
internal static class CsvFields
{
    private const int MaxShown = 40;

    /// <summary>Drops surrounding spaces, tabs and one pair of double quotes (quoted fields may not hold commas).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> field)
    {
        if (field.IsEmpty || (!NeedsTrim(field[0]) && !NeedsTrim(field[^1]))) return field;
        return TrimSlow(field);
    }

    /// <summary>The field as messages show it: quoted, shortened when long, or "an empty field".</summary>
    public static string Describe(ReadOnlySpan<byte> field)
    {
        if (field.IsEmpty) return "an empty field";
        string text = Encoding.UTF8.GetString(field.Length > MaxShown ? field[..MaxShown] : field);
        return field.Length > MaxShown ? $"\"{text}...\"" : $"\"{text}\"";
    }

    private static bool NeedsTrim(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'"';

    private static ReadOnlySpan<byte> TrimSlow(ReadOnlySpan<byte> field)
    {
        field = field.Trim(" \t"u8);
        if (field.Length >= 2 && field[0] == (byte)'"' && field[^1] == (byte)'"') field = field[1..^1].Trim(" \t"u8);
        return field;
    }
}
