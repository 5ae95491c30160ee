using System.Globalization;

namespace Baton.Engine.Data;

/// <summary>
/// Parses a number field from UTF-8 bytes. Plain decimals with at most 2^53 as digits and at most 22
/// fraction digits (nearly every price and volume) take an exact fast path: an integer mantissa divided by
/// an exact power of ten is one correctly rounded IEEE division, so the result has the same bits as
/// <see cref="double.Parse(string, IFormatProvider)"/>. Anything else (exponents, long mantissas, NaN,
/// Infinity) goes to <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider, out double)"/>.
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
}
