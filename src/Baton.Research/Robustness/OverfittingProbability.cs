using System.Numerics;
using Baton.Research.Trials;

namespace Baton.Research.Robustness;

/// <summary>
/// The probability of backtest overfitting by combinatorially symmetric cross-validation (Bailey, Borwein, López de
/// Prado and Zhu, "The Probability of Backtest Overfitting", Journal of Computational Finance 20(4), 2017). The
/// trials' daily returns are cut into S equal blocks in time; for each of the C(S, S/2) ways to pick half the blocks
/// as in-sample (the rest out-of-sample) the trial with the best in-sample Sharpe ratio is found, its out-of-sample
/// rank r among the N trials (1 = worst, ties averaged) gives ω = r / (N + 1) and the logit λ = ln(ω / (1 − ω)).
/// <code>
/// PBO = #{λ ≤ 0} / C(S, S/2)        (the in-sample best ranks in the bottom half out of sample)
/// </code>
/// The performance degradation is the least-squares line SR_oos = a + b·SR_is through the pairs of the in-sample
/// best's Sharpe ratios (per period) and the probability of loss the share of combinations whose best has an
/// out-of-sample Sharpe ratio below 0. A Sharpe ratio of blocks with no variance counts as 0 (no edge).
/// </summary>
/// <param name="Blocks">S.</param>
/// <param name="Combinations">C(S, S/2), each split once (a split and its complement are two combinations).</param>
/// <param name="Logits">λ per combination, combinations in increasing order of their in-sample block set's bit mask.</param>
public sealed record OverfittingProbability(int Blocks, int Combinations, double Probability, IReadOnlyList<double> Logits,
    Degradation Degradation)
{
    /// <summary>The block counts allowed: the profile's 16 blocks, or them merged pairwise into 8, 4 or 2.</summary>
    public static readonly IReadOnlyList<int> AllowedBlocks = [16, 8, 4, 2];

    /// <summary>CSCV over the trials' return profiles (trials without one are left out); null with fewer than 2.</summary>
    public static OverfittingProbability? Of(IReadOnlyList<ReturnProfile> profiles, int blocks = ReturnProfile.BlockCount)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        if (!AllowedBlocks.Contains(blocks))
            throw new ArgumentOutOfRangeException(nameof(blocks), blocks, "blocks: expected 16, 8, 4 or 2");
        if (profiles.Count < 2) return null;
        var matrix = profiles.Select(p => Merge(p.Blocks, blocks)).ToArray();
        return OfBlocks(matrix);
    }

    /// <summary>CSCV over <c>matrix[trial][block]</c> (every trial the same even number of blocks).</summary>
    internal static OverfittingProbability OfBlocks(IReadOnlyList<ReturnBlock[]> matrix)
    {
        int n = matrix.Count, s = matrix[0].Length;
        var logits = new List<double>();
        var isBest = new List<double>();
        var oosBest = new List<double>();
        var oos = new double[n];
        for (int mask = 0; mask < 1 << s; mask++)
        {
            if (BitOperations.PopCount((uint)mask) != s / 2) continue;
            int best = 0;
            double bestIs = double.NegativeInfinity;
            for (int t = 0; t < n; t++)
            {
                double inSample = Sharpe(matrix[t], mask);
                if (inSample > bestIs) (best, bestIs) = (t, inSample);
                oos[t] = Sharpe(matrix[t], ~mask & ((1 << s) - 1));
            }
            double omega = Rank(oos, oos[best]) / (n + 1);
            logits.Add(Math.Log(omega / (1 - omega)));
            isBest.Add(bestIs);
            oosBest.Add(oos[best]);
        }
        double pbo = logits.Count(l => l <= 0) / (double)logits.Count;
        return new OverfittingProbability(s, logits.Count, pbo, logits, Degradation.Of(isBest, oosBest));
    }

    /// <summary>The Sharpe ratio (per period) of the union of the blocks in <paramref name="mask"/>.</summary>
    internal static double Sharpe(ReturnBlock[] blocks, int mask)
    {
        long count = 0;
        double sum = 0, squares = 0;
        for (int b = 0; b < blocks.Length; b++)
        {
            if ((mask & (1 << b)) == 0) continue;
            count += blocks[b].Count;
            sum += blocks[b].Sum;
            squares += blocks[b].SumOfSquares;
        }
        if (count < 2) return 0.0;
        double mean = sum / count;
        double variance = (squares - count * mean * mean) / (count - 1);
        return variance > 1e-300 ? mean / Math.Sqrt(variance) : 0.0;
    }

    /// <summary>The rank of <paramref name="value"/> among <paramref name="all"/>, 1 the lowest, ties averaged.</summary>
    private static double Rank(double[] all, double value)
    {
        int below = 0, equal = 0;
        foreach (double v in all)
        {
            if (v < value) below++;
            else if (v == value) equal++;
        }
        return below + (equal + 1) / 2.0;
    }

    /// <summary>The profile's 16 blocks merged pairwise (neighbours in time) down to <paramref name="blocks"/>.</summary>
    internal static ReturnBlock[] Merge(IReadOnlyList<ReturnBlock> source, int blocks)
    {
        int width = source.Count / blocks;
        var merged = new ReturnBlock[blocks];
        for (int b = 0; b < blocks; b++)
        {
            int count = 0;
            double sum = 0, squares = 0;
            for (int i = b * width; i < (b + 1) * width; i++)
            {
                count += source[i].Count;
                sum += source[i].Sum;
                squares += source[i].SumOfSquares;
            }
            merged[b] = new ReturnBlock(count, sum, squares);
        }
        return merged;
    }
}

/// <summary>Out-of-sample against in-sample Sharpe ratio of the in-sample best, over the combinations:
/// SR_oos = Intercept + Slope · SR_is (least squares), its R², and the share of combinations with SR_oos &lt; 0.
/// Slope and R² are 0 when the in-sample values do not vary.</summary>
public sealed record Degradation(double Slope, double Intercept, double R2, double ProbabilityOfLoss)
{
    internal static Degradation Of(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        int n = x.Count;
        double mx = x.Average(), my = y.Average(), sxx = 0, sxy = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
        }
        double slope = sxx > 0 ? sxy / sxx : 0.0;
        double r2 = sxx > 0 && syy > 0 ? sxy * sxy / (sxx * syy) : 0.0;
        return new Degradation(slope, my - slope * mx, r2, y.Count(v => v < 0) / (double)n);
    }
}
