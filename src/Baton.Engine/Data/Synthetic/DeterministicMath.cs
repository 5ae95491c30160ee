namespace Baton.Engine.Data.Synthetic;

/// <summary>
/// Natural logarithm and exponential from additions, multiplications and divisions only. IEEE-754 makes
/// those (and <see cref="Math.Sqrt"/>, <see cref="Math.Round(double)"/>, <see cref="Math.Floor(double)"/>)
/// give the same bits on every platform, while <see cref="Math.Log(double)"/> and <see cref="Math.Exp"/> come
/// from the platform's C library and may differ in the last bit, which a random walk would amplify.
/// Accurate to a few ulp over the ranges the generator uses.
/// </summary>
internal static class DeterministicMath
{
    // ln 2 split so that k * Ln2High is exact for |k| < 2^20 (low bits of Ln2High are zero).
    private const double Ln2High = 6.93147180369123816490e-01;
    private const double Ln2Low = 1.90821492927058770002e-10;
    private const double Ln2 = 0.69314718055994530942;
    private const double InverseLn2 = 1.44269504088896338700;
    private const double Sqrt2 = 1.41421356237309504880;
    private const long MantissaMask = 0x000F_FFFF_FFFF_FFFF;
    private const long ExponentOfOne = 0x3FF0_0000_0000_0000;

    /// <summary>ln x; NaN for x &lt; 0 or NaN, -∞ for 0, +∞ for +∞.</summary>
    public static double Log(double x)
    {
        if (!(x > 0) || double.IsPositiveInfinity(x)) return x == 0 ? double.NegativeInfinity : x > 0 ? x : double.NaN;
        int exponentBias = 1023;
        if (x < double.Epsilon * (1L << 53))
        {
            x *= 1L << 54; // subnormal: scale into the normal range first
            exponentBias += 54;
        }
        long bits = BitConverter.DoubleToInt64Bits(x);
        int exponent = (int)(bits >> 52) - exponentBias;
        double m = BitConverter.Int64BitsToDouble((bits & MantissaMask) | ExponentOfOne);
        if (m > Sqrt2)
        {
            m *= 0.5;
            exponent++;
        }
        // ln m = 2 atanh(f) = 2 (f + f^3/3 + f^5/5 + ...), f = (m-1)/(m+1), |f| <= 0.172.
        double f = (m - 1) / (m + 1);
        double s = f * f;
        double series = 1 + s * (1.0 / 3 + s * (1.0 / 5 + s * (1.0 / 7 + s * (1.0 / 9 + s * (1.0 / 11 + s * (1.0 / 13
            + s * (1.0 / 15 + s * (1.0 / 17 + s * (1.0 / 19 + s * (1.0 / 21 + s * (1.0 / 23 + s * (1.0 / 25))))))))))));
        return exponent * Ln2 + 2 * f * series;
    }

    /// <summary>e^x; +∞ above 709.78, 0 below -745.2.</summary>
    public static double Exp(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x > 709.78) return double.PositiveInfinity;
        if (x < -745.2) return 0;
        double k = Math.Round(x * InverseLn2);
        double r = x - k * Ln2High - k * Ln2Low; // |r| <= 0.347
        // Taylor series to r^14/14!, coefficients folded to constants by the compiler.
        double sum = 1 + r * (1 + r * (1.0 / 2 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720
            + r * (1.0 / 5040 + r * (1.0 / 40320 + r * (1.0 / 362880 + r * (1.0 / 3628800 + r * (1.0 / 39916800
            + r * (1.0 / 479001600 + r * (1.0 / 6227020800 + r * (1.0 / 87178291200))))))))))))));
        return ScaleByPowerOfTwo(sum, (int)k);
    }

    private static double ScaleByPowerOfTwo(double value, int k)
    {
        if (k is >= -1000 and <= 1000) return value * PowerOfTwo(k);
        while (k > 1000)
        {
            value *= PowerOfTwo(1000);
            k -= 1000;
        }
        while (k < -1000)
        {
            value *= PowerOfTwo(-1000);
            k += 1000;
        }
        return value * PowerOfTwo(k);
    }

    private static double PowerOfTwo(int k) => BitConverter.Int64BitsToDouble((long)(k + 1023) << 52);
}
