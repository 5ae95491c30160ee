using System.Globalization;

namespace Baton.Core.Tests.Indicators;

internal static class SeriesAssert
{
    /// <summary>Relative tolerance of the contract: |a − b| ≤ 1e-9 · max(1, |b|).</summary>
    public const double Tolerance = 1e-9;

    /// <summary>NaN exactly where <paramref name="expected"/> is NaN, within tolerance elsewhere.</summary>
    public static void Close(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        int failures = 0;
        string? first = null;
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            bool ok = double.IsNaN(e)
                ? double.IsNaN(a)
                : !double.IsNaN(a) && Math.Abs(a - e) <= Tolerance * Math.Max(1.0, Math.Abs(e));
            if (ok) continue;
            failures++;
            first ??= string.Create(CultureInfo.InvariantCulture, $"index {i}: expected {e:R}, got {a:R}");
        }
        Assert.True(failures == 0, $"{what}: {failures} of {expected.Length} values differ; first at {first}");
    }
}
