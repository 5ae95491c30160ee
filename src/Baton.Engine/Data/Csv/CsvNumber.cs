using System.Globalization;

namespace Baton.Engine.Data.Csv;

/// <summary>
/// Reads and writes number fields as UTF-8 bytes.
/// <para>Parsing: Plain decimals with at most 2^53 as digits and at most 22
/// fraction digits (nearly every price and volume) take an exact fast path: an integer mantissa divided by
/// an exact power of ten is one correctly rounded IEEE division, so the result has the same bits as
/// <see cref="double.Parse(string, IFormatProvider)"/>. Anything else (exponents, long mantissas, NaN,
/// Infinity) goes to <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider, out double)"/>.</para>
/// <para>Formatting: a value that equals k / 10^d for an integer k and d ≤ 8 decimals (prices on a tick grid,
/// whole volumes) is written as that decimal, which parses back to the same bits by the argument above and
/// is several times faster than the general shortest round-trip formatter used for everything else.</para>
/// </summary>
internal static class CsvNumber
{
    private const ulong MaxExactMantissa = 1UL << 53;

    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    public static bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        int i = 0;
        bool negative = false;
        if (text.Length > 0 && (text[0] == (byte)'-' || text[0] == (byte)'+'))
        {
            negative = text[0] == (byte)'-';
            i = 1;
        }
        ulong mantissa = 0;
        int digits = 0;
        int fractionDigits = 0;
        for (; i < text.Length && (uint)(text[i] - '0') <= 9; i++, digits++) mantissa = mantissa * 10 + (uint)(text[i] - '0');
        if (i < text.Length && text[i] == (byte)'.')
        {
            for (i++; i < text.Length && (uint)(text[i] - '0') <= 9; i++, digits++, fractionDigits++)
                mantissa = mantissa * 10 + (uint)(text[i] - '0');
        }
        if (i == text.Length && digits is > 0 and <= 19 && mantissa <= MaxExactMantissa && fractionDigits < PowersOfTen.Length)
        {
            double magnitude = fractionDigits == 0 ? mantissa : mantissa / PowersOfTen[fractionDigits];
            value = negative ? -magnitude : magnitude;
            return true;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Writes <paramref name="value"/> as text that parses back to the same bits; returns the bytes
    /// written. <paramref name="destination"/> must hold at least 32 bytes.</summary>
    public static int Format(double value, Span<byte> destination)
    {
        if (value >= 0 && value < 1e15 && !double.IsNegative(value))
        {
            double scale = 1;
            for (int decimals = 0; decimals <= 8; decimals++, scale *= 10)
            {
                double units = Math.Round(value * scale);
                if (units / scale == value && units < 1e18) return WriteDecimal((ulong)units, decimals, destination);
            }
        }
        if (!value.TryFormat(destination, out int written, "R", CultureInfo.InvariantCulture))
            throw new ArgumentException("Destination too small for a number.", nameof(destination));
        return written;
    }

    /// <summary>Writes units / 10^decimals without trailing fraction zeros.</summary>
    private static int WriteDecimal(ulong units, int decimals, Span<byte> destination)
    {
        Span<byte> digits = stackalloc byte[24];
        units.TryFormat(digits, out int count, default, CultureInfo.InvariantCulture);
        while (decimals > 0 && digits[count - 1] == (byte)'0')
        {
            count--;
            decimals--;
        }
        if (decimals == 0)
        {
            digits[..count].CopyTo(destination);
            return count;
        }
        int integerDigits = count - decimals;
        int at = 0;
        if (integerDigits <= 0)
        {
            destination[at++] = (byte)'0';
            destination[at++] = (byte)'.';
            for (int i = integerDigits; i < 0; i++) destination[at++] = (byte)'0';
            digits[..count].CopyTo(destination[at..]);
            return at + count;
        }
        digits[..integerDigits].CopyTo(destination);
        destination[integerDigits] = (byte)'.';
        digits[integerDigits..count].CopyTo(destination[(integerDigits + 1)..]);
        return count + 1;
    }
}
