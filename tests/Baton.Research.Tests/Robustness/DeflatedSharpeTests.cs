using Baton.Research.Robustness;

namespace Baton.Research.Tests.Robustness;

public sealed class DeflatedSharpeTests
{
    /// <summary>The paper's numerical example (Bailey and López de Prado 2014, section on a numerical example): an
    /// annualised SR of 2.5 over 1,250 daily returns (250 a year), the best of N = 100 trials whose annualised Sharpe
    /// ratios have variance 0.5, skewness −3 and kurtosis 10 give SR0 ≈ 0.1132 per day and DSR ≈ 0.9004. The paper's
    /// figures are rounded to 4 digits; the 1e-12 figures beside them are an independent recomputation (Python's
    /// statistics.NormalDist).</summary>
    [Fact]
    public void The_papers_example_gives_its_SR0_and_DSR()
    {
        double expected = DeflatedSharpe.ExpectedMaximum(100, 0.5 / 250);
        Assert.Equal(0.1132, expected, 4);
        Assert.Equal(0.11317200186513214, expected, 1e-12);
        double dsr = DeflatedSharpe.ProbabilisticSharpe(2.5 / Math.Sqrt(250), expected, 1250, -3, 10);
        Assert.Equal(0.9004, dsr, 4);
        Assert.Equal(0.9003968344493904, dsr, 1e-9);
    }

    [Fact]
    public void Of_takes_the_variance_of_the_trials_sharpes_and_reports_the_best_annualised()
    {
        double[] sharpes = [0.01, 0.03, 0.05, 0.02, 0.04];   // per period; sample variance 0.00025
        var d = DeflatedSharpe.Of(0.05, 365, 1000, 0.1, 4, sharpes)!;
        Assert.Equal(0.00025, d.SharpeVariance, 1e-15);
        Assert.Equal(5, d.Trials);
        Assert.Equal(0.05 * Math.Sqrt(365), d.Sharpe, 1e-12);
        // independent: √V ((1−γ) Φ⁻¹(1 − 1/5) + γ Φ⁻¹(1 − 1/(5e))), Φ⁻¹(0.8) from the tables
        double z1 = 0.8416212335729143, z2 = StandardNormal.Quantile(1 - 1 / (5 * Math.E));
        Assert.Equal(Math.Sqrt(0.00025) * ((1 - 0.5772156649015329) * z1 + 0.5772156649015329 * z2), d.ExpectedMaxSharpe, 1e-12);
        Assert.InRange(d.Probability, 0, 1);
    }

    [Fact]
    public void One_trial_has_nothing_to_deflate_and_PSR_against_0_is_the_plain_probabilistic_sharpe()
    {
        var d = DeflatedSharpe.Of(0.1, 252, 101, 0, 3, [0.1])!;
        Assert.Equal(0, d.ExpectedMaxSharpe);
        // normal returns: Φ(0.1 · √100 / √(1 + 0.5 · 0.01)) = Φ(0.99751...)
        Assert.Equal(StandardNormal.Cdf(1.0 / Math.Sqrt(1.005)), d.Probability, 1e-12);
    }

    [Fact]
    public void More_trials_raise_the_bar_and_lower_the_probability()
    {
        double few = DeflatedSharpe.Of(0.08, 252, 500, 0, 3, Enumerable.Range(0, 10).Select(i => i * 0.008).ToArray())!.Probability;
        double many = DeflatedSharpe.Of(0.08, 252, 500, 0, 3, Enumerable.Range(0, 1000).Select(i => (i % 10) * 0.008).ToArray())!.Probability;
        Assert.True(many < few, $"{many} < {few}");
    }

    [Fact]
    public void Too_few_returns_or_no_sharpe_give_no_figure()
    {
        Assert.Null(DeflatedSharpe.Of(0.1, 252, 1, 0, 3, [0.1]));
        Assert.Null(DeflatedSharpe.Of(double.NaN, 252, 100, 0, 3, [0.1]));
    }
}
