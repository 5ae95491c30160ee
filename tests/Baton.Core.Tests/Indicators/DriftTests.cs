using Baton.Core.Indicators;
using Baton.Core.Market;

namespace Baton.Core.Tests.Indicators;

/// <summary>
/// Running sums must not keep the rounding error of a huge value once it has left the window: after a
/// spike of 1e12 the indicators agree with a fresh recomputation again within two periods.
/// </summary>
public sealed class DriftTests
{
    private const int SpikeLength = 97;

    public static TheoryData<string, string> Cases() => new()
    {
        { "sma", "period=30" }, { "wma", "period=30" }, { "bbands", "period=30,stddev=2" },
        { "stddev", "period=30" }, { "zscore", "period=30" }, { "linreg", "period=30" },
        { "cmo", "period=30" }, { "mfi", "period=30" }, { "ultosc", "short=7,medium=14,long=28" },
    };

    private static MarketData SpikeThenWalk()
    {
        var spike = GeneratedCandles.Walk(SpikeLength, 1e12, 1e9, seed: 7).Select(c => c with { Volume = 1e12 }).ToArray();
        return MarketData.FromCandles("spike", GeneratedCandles.Join(Timeframe.Day, spike, GeneratedCandles.Walk(3000, 10, 0.2, seed: 8)));
    }

    private static double[][] Expected(string type, MarketData d) => type switch
    {
        "sma" => [Naive.Sma(d.Close, 30)],
        "wma" => [Naive.Wma(d.Close, 30)],
        "bbands" => Bands(d.Close),
        "stddev" => [Naive.Window(d.Close, 30, Naive.PopulationStdDev)],
        "zscore" => [NaiveOscillators.ZScore(d.Close, 30)],
        "linreg" => NaiveTrend.LinearRegression(d.Close, 30),
        "cmo" => [NaiveOscillators.ChandeMomentum(d.Close, 30)],
        "mfi" => [NaiveOscillators.MoneyFlowIndex(d, 30)],
        _ => [NaiveOscillators.Ultimate(d, 7, 14, 28)],
    };

    private static double[][] Bands(double[] close)
    {
        var middle = Naive.Sma(close, 30);
        var sd = Naive.Window(close, 30, Naive.PopulationStdDev);
        return [Naive.Zip(middle, sd, (m, s) => m + 2 * s), middle, Naive.Zip(middle, sd, (m, s) => m - 2 * s)];
    }

    [Theory, MemberData(nameof(Cases))]
    public void Error_from_a_spike_does_not_outlive_the_window(string type, string parameters)
    {
        var data = SpikeThenWalk();
        var indicator = IndicatorRegistry.Create(type, IndicatorCase.ParseParameters(parameters));
        var expected = Expected(type, data);
        int from = SpikeLength + 2 * 30;
        for (int i = 0; i < data.Length; i++)
        {
            indicator.Update(data.Candles[i]);
            if (i < from) continue;
            for (int k = 0; k < expected.Length; k++)
            {
                double e = expected[k][i], a = indicator[k];
                Assert.True(Math.Abs(a - e) <= 1e-9 * Math.Max(1, Math.Abs(e)), $"{type} output {k} at {i}: expected {e}, got {a}");
            }
        }
    }
}
