using MathNet.Numerics.Distributions;

namespace Baton.Research.Robustness;

/// <summary>The standard normal distribution Z ~ N(0, 1) the deflated Sharpe ratio is written in: Φ and Φ⁻¹ from
/// MathNet.Numerics (Φ through its complementary error function, Φ⁻¹ through its inverse, both to about 1e-15).</summary>
internal static class StandardNormal
{
    /// <summary>Φ(x) = P[Z ≤ x]; 0 at −∞, 1 at +∞.</summary>
    public static double Cdf(double x) => Normal.CDF(0.0, 1.0, x);

    /// <summary>Φ⁻¹(p) for p in (0, 1); −∞ at 0 and +∞ at 1.</summary>
    public static double Quantile(double p)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1.0);
        return p == 0.0 ? double.NegativeInfinity : p == 1.0 ? double.PositiveInfinity : Normal.InvCDF(0.0, 1.0, p);
    }
}
