namespace Baton.Core.Indicators;

/// <summary>
/// The zero test TA-Lib applies before dividing (<c>TA_IS_ZERO</c>: |v| &lt; 1e-14). Indicators that
/// follow TA-Lib use it so that a flat market gives the same defined value (usually 0) as the reference.
/// </summary>
internal static class Precision
{
    public const double Epsilon = 1e-14;

    public static bool IsZero(double value) => value > -Epsilon && value < Epsilon;
}
