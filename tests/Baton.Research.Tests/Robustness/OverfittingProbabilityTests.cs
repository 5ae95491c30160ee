using Baton.Research.Robustness;
using Baton.Research.Trials;

namespace Baton.Research.Tests.Robustness;

public sealed class OverfittingProbabilityTests
{
    [Theory]
    [InlineData(16)]
    [InlineData(8)]
    [InlineData(4)]
    public void Equals_a_brute_force_recomputation_from_the_raw_returns(int blocks)
    {
        var returns = Noise(trials: 6, count: 320, seed: 7, edge: [0.0, 0.0005, 0.0, -0.0003, 0.0002, 0.0]);
        var pbo = OverfittingProbability.Of(returns.Select(Profile).ToArray(), blocks)!;
        var (expectedPbo, expectedLogits) = BruteForce(returns, blocks);
        Assert.Equal(blocks, pbo.Blocks);
        Assert.Equal(expectedLogits.Count, pbo.Combinations);
        Assert.Equal(expectedPbo, pbo.Probability, 1e-12);
        var sorted = pbo.Logits.Order().ToArray();
        for (int i = 0; i < sorted.Length; i++) Assert.Equal(expectedLogits[i], sorted[i], 1e-9);
    }

    [Fact]
    public void Pure_noise_overfits_about_half_the_time()
    {
        var returns = Noise(trials: 30, count: 1600, seed: 11, edge: new double[30]);
        var pbo = OverfittingProbability.Of(returns.Select(Profile).ToArray())!;
        Assert.Equal(12870, pbo.Combinations);
        Assert.InRange(pbo.Probability, 0.3, 0.7);
    }

    [Fact]
    public void A_truly_better_trial_is_chosen_in_sample_and_ranks_top_out_of_sample()
    {
        var edge = new double[30];
        edge[17] = 0.01;   // a per-period Sharpe ratio of 1 against noise of 0
        var returns = Noise(trials: 30, count: 1600, seed: 11, edge: edge);
        var pbo = OverfittingProbability.Of(returns.Select(Profile).ToArray())!;
        Assert.Equal(0.0, pbo.Probability);
        Assert.All(pbo.Logits, l => Assert.Equal(Math.Log(30.0 / 31 / (1 - 30.0 / 31)), l, 1e-12));
        Assert.Equal(0.0, pbo.Degradation.ProbabilityOfLoss);
    }

    [Fact]
    public void Fewer_than_2_trials_give_no_figure_and_a_block_count_outside_16_8_4_2_is_refused()
    {
        Assert.Null(OverfittingProbability.Of([Profile(new double[32])]));
        Assert.Throws<ArgumentOutOfRangeException>(() => OverfittingProbability.Of([], 6));
    }

    [Fact]
    public void Degradation_is_the_least_squares_line()
    {
        var d = Degradation.Of([1.0, 2, 3, 4], [0.5, 0.0, -0.5, -1.0]);
        Assert.Equal(-0.5, d.Slope, 1e-12);
        Assert.Equal(1.0, d.Intercept, 1e-12);
        Assert.Equal(1.0, d.R2, 1e-12);
        Assert.Equal(0.5, d.ProbabilityOfLoss);
    }

    /// <summary>Daily returns per trial: normal noise of sd 0.01 plus the trial's edge, from a seeded generator.</summary>
    private static double[][] Noise(int trials, int count, int seed, double[] edge)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, trials).Select(t => Enumerable.Range(0, count)
            .Select(_ => edge[t] + 0.01 * Gaussian(random)).ToArray()).ToArray();
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static ReturnProfile Profile(double[] returns)
    {
        var equity = new double[returns.Length + 1];
        equity[0] = 1000;
        for (int i = 0; i < returns.Length; i++) equity[i + 1] = equity[i] * (1 + returns[i]);
        return ReturnProfile.Of(equity);
    }

    /// <summary>CSCV written out plainly: the returns (taken back from the equity, as the profile does) cut into S
    /// blocks, each half chosen by recursion, Sharpe ratios from the raw returns, ranks by sorting.</summary>
    private static (double Pbo, List<double> Logits) BruteForce(double[][] returns, int s)
    {
        var series = returns.Select(r => Back(Profile(r), r)).ToArray();
        int n = series.Length, t = series[0].Length;
        var logits = new List<double>();
        foreach (var inSample in Halves(s, s / 2, 0))
        {
            double[] Perf(bool inside) => series.Select(r => Sharpe(Enumerable.Range(0, t)
                .Where(i => inSample.Contains(i * s / t) == inside).Select(i => r[i]).ToArray())).ToArray();
            var isPerf = Perf(true);
            var oosPerf = Perf(false);
            int best = Array.IndexOf(isPerf, isPerf.Max());
            var order = oosPerf.Order().ToArray();
            double rank = Enumerable.Range(1, n).Where(k => order[k - 1] == oosPerf[best]).Average();
            double w = rank / (n + 1);
            logits.Add(Math.Log(w / (1 - w)));
        }
        logits.Sort();
        return (logits.Count(l => l <= 0) / (double)logits.Count, logits);
    }

    private static double[] Back(ReturnProfile _, double[] r)
    {
        var equity = new double[r.Length + 1];
        equity[0] = 1000;
        for (int i = 0; i < r.Length; i++) equity[i + 1] = equity[i] * (1 + r[i]);
        return Enumerable.Range(0, r.Length).Select(i => equity[i + 1] / equity[i] - 1).ToArray();
    }

    private static double Sharpe(double[] r)
    {
        double mean = r.Average();
        double sd = Math.Sqrt(r.Sum(x => (x - mean) * (x - mean)) / (r.Length - 1));
        return mean / sd;
    }

    private static IEnumerable<HashSet<int>> Halves(int s, int k, int from)
    {
        if (k == 0) { yield return []; yield break; }
        for (int b = from; b <= s - k; b++)
            foreach (var rest in Halves(s, k - 1, b + 1))
                yield return [b, .. rest];
    }
}
