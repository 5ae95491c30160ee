namespace Baton.Research.Trials;

/// <summary>
/// The shape of a trial's daily returns <c>r_t = E_t / E_(t-1) - 1</c> (the returns its metrics come from), kept so
/// the robustness statistics need no second run: the moments the deflated Sharpe ratio corrects for, and the returns
/// summed over <see cref="BlockCount"/> equal consecutive blocks, which combinatorially symmetric cross-validation
/// joins into halves (a Sharpe ratio of any union of blocks follows exactly from their counts and sums).
/// </summary>
/// <param name="Count">N, the number of daily returns.</param>
/// <param name="Mean">Arithmetic mean; 0 when N = 0.</param>
/// <param name="StandardDeviation">Sample standard deviation (ddof = 1); 0 when N &lt; 2.</param>
/// <param name="Skewness">Third standardised moment (population: m3 / m2^1.5); 0 when undefined.</param>
/// <param name="Kurtosis">Fourth standardised moment, not excess (m4 / m2², 3 for a normal); 3 when undefined.</param>
/// <param name="Blocks">Exactly <see cref="BlockCount"/> blocks in time order; block b holds returns
/// <c>[b·N/16, (b+1)·N/16)</c> (integer division).</param>
public sealed record ReturnProfile(int Count, double Mean, double StandardDeviation, double Skewness, double Kurtosis,
    IReadOnlyList<ReturnBlock> Blocks)
{
    public const int BlockCount = 16;

    /// <summary>The profile of the returns between consecutive <paramref name="dailyEquities"/> (element 0 the start).</summary>
    public static ReturnProfile Of(ReadOnlySpan<double> dailyEquities)
    {
        // the returns are computed where they are read, never stored: a trial's profile allocates only its blocks
        int n = Math.Max(0, dailyEquities.Length - 1);
        double mean = 0;
        for (int t = 0; t < n; t++) mean += Return(dailyEquities, t);
        mean = n == 0 ? 0 : mean / n;
        double m2 = 0, m3 = 0, m4 = 0;
        for (int t = 0; t < n; t++)
        {
            double d = Return(dailyEquities, t) - mean, d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }
        double sd = n < 2 ? 0 : Math.Sqrt(m2 / (n - 1));
        bool shaped = n > 0 && m2 > 0;
        double skew = shaped ? m3 / n / Math.Pow(m2 / n, 1.5) : 0;
        double kurt = shaped ? m4 / n / (m2 / n * (m2 / n)) : 3;
        var blocks = new ReturnBlock[BlockCount];
        for (int b = 0; b < BlockCount; b++)
        {
            int from = (int)((long)b * n / BlockCount), to = (int)((long)(b + 1) * n / BlockCount);
            double sum = 0, squares = 0;
            for (int t = from; t < to; t++)
            {
                double r = Return(dailyEquities, t);
                sum += r;
                squares += r * r;
            }
            blocks[b] = new ReturnBlock(to - from, sum, squares);
        }
        return new ReturnProfile(n, mean, sd, skew, kurt, blocks);
    }

    /// <summary>r_t = E_(t+1) / E_t - 1, the t-th return (from 0).</summary>
    private static double Return(ReadOnlySpan<double> equities, int t) => equities[t + 1] / equities[t] - 1.0;
}

/// <summary>A run of consecutive daily returns: how many, their sum and the sum of their squares.</summary>
public readonly record struct ReturnBlock(int Count, double Sum, double SumOfSquares);
