namespace Baton.Research.Robustness;

/// <summary>
/// The deflated Sharpe ratio (Bailey and López de Prado, "The Deflated Sharpe Ratio: Correcting for Selection Bias,
/// Backtest Overfitting and Non-Normality", Journal of Portfolio Management 40(5), 2014): the probability that the
/// best trial's true Sharpe ratio exceeds the highest one N trials of no skill would show by luck.
/// <code>
/// SR0 = √V · ((1 − γ) Φ⁻¹(1 − 1/N) + γ Φ⁻¹(1 − 1/(N·e)))          (expected maximum of N draws; γ Euler–Mascheroni)
/// DSR = Φ( (SR − SR0) · √(T − 1) / √(1 − g3·SR + (g4 − 1)/4 · SR²) )  (the probabilistic Sharpe ratio against SR0)
/// </code>
/// Every Sharpe ratio here is per period (per daily return, not annualised): SR = mean / standard deviation of the
/// best trial's T daily returns, V the sample variance of the trials' per-period Sharpe ratios, g3 the skewness and g4
/// the kurtosis (not excess) of the best trial's returns. The annualised figure (× √periods per year) is reported
/// beside it for reading only.
/// </summary>
/// <param name="Sharpe">The best trial's annualised Sharpe ratio (its metrics' <c>sharpe</c>).</param>
/// <param name="PeriodsPerYear">Returns per year the metrics annualise with.</param>
/// <param name="Returns">T, the best trial's number of daily returns.</param>
/// <param name="Trials">N, the trials with a defined Sharpe ratio.</param>
/// <param name="SharpeVariance">V, per period², across those trials (sample variance, 0 for one trial).</param>
/// <param name="ExpectedMaxSharpe">SR0, per period (0 for one trial: no selection to correct for).</param>
/// <param name="Probability">DSR in [0, 1].</param>
public sealed record DeflatedSharpe(double Sharpe, int PeriodsPerYear, int Returns, double Skewness, double Kurtosis,
    int Trials, double SharpeVariance, double ExpectedMaxSharpe, double Probability)
{
    private const double EulerGamma = 0.57721566490153286061;

    /// <summary>SR0 = √V · ((1 − γ) Φ⁻¹(1 − 1/N) + γ Φ⁻¹(1 − 1/(N e))), the expected maximum Sharpe ratio of
    /// <paramref name="trials"/> independent draws of variance <paramref name="variance"/> and mean 0; 0 when N = 1.</summary>
    public static double ExpectedMaximum(int trials, double variance)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        if (trials == 1) return 0.0;
        return Math.Sqrt(variance) * ((1 - EulerGamma) * StandardNormal.Quantile(1 - 1.0 / trials)
            + EulerGamma * StandardNormal.Quantile(1 - 1.0 / (trials * Math.E)));
    }

    /// <summary>PSR(SR*) = Φ((SR − SR*)·√(T − 1) / √(1 − g3·SR + (g4 − 1)/4·SR²)), per-period Sharpe ratios.</summary>
    public static double ProbabilisticSharpe(double sharpe, double benchmark, int returns, double skewness, double kurtosis)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(returns, 2);
        double denominator = 1 - skewness * sharpe + (kurtosis - 1) / 4 * sharpe * sharpe;
        // A denominator ≤ 0 (extreme skew against a large SR) leaves the estimate's variance undefined: the sign of the
        // difference is all that is known.
        if (!(denominator > 0)) return sharpe > benchmark ? 1.0 : sharpe < benchmark ? 0.0 : 0.5;
        return StandardNormal.Cdf((sharpe - benchmark) * Math.Sqrt(returns - 1) / Math.Sqrt(denominator));
    }

    /// <summary>The DSR of the best trial given every trial's per-period Sharpe ratio; null when the best trial has
    /// fewer than 2 returns or no defined Sharpe ratio.</summary>
    /// <param name="bestPerPeriodSharpe">The best trial's mean / standard deviation of its daily returns.</param>
    /// <param name="trialSharpes">Per-period Sharpe ratios of every trial with one (the best among them).</param>
    public static DeflatedSharpe? Of(double bestPerPeriodSharpe, int periodsPerYear, int returns, double skewness,
        double kurtosis, IReadOnlyList<double> trialSharpes)
    {
        ArgumentNullException.ThrowIfNull(trialSharpes);
        if (returns < 2 || !double.IsFinite(bestPerPeriodSharpe) || trialSharpes.Count == 0) return null;
        double variance = SampleVariance(trialSharpes);
        double sr0 = ExpectedMaximum(trialSharpes.Count, variance);
        double dsr = ProbabilisticSharpe(bestPerPeriodSharpe, sr0, returns, skewness, kurtosis);
        return new DeflatedSharpe(bestPerPeriodSharpe * Math.Sqrt(periodsPerYear), periodsPerYear, returns, skewness,
            kurtosis, trialSharpes.Count, variance, sr0, dsr);
    }

    internal static double SampleVariance(IReadOnlyList<double> values)
    {
        if (values.Count < 2) return 0.0;
        double mean = values.Average(), squares = 0;
        foreach (double v in values) squares += (v - mean) * (v - mean);
        return squares / (values.Count - 1);
    }
}
