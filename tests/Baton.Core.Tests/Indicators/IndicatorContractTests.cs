using Baton.Core.Indicators;

namespace Baton.Core.Tests.Indicators;

/// <summary>
/// The one contract every registered indicator passes, on both candle files of ../shared/data: matches its
/// TA-Lib reference or a naive recomputation, is not ready before its warm-up and ready from it, resets
/// cleanly, and allocates nothing after warm-up.
/// </summary>
public sealed class IndicatorContractTests
{
    private const int MeasuredUpdates = 10_000;

    public static TheoryData<string> Types() => [.. IndicatorRegistry.Descriptors.Select(d => d.Name)];

    private static IReadOnlyList<IndicatorCase> CasesOf(string type)
    {
        var cases = IndicatorCases.For(type);
        Assert.True(cases.Count > 0, $"indicator '{type}' has no case in IndicatorCases: add a TA-Lib or naive expectation");
        return cases;
    }

    [Theory, MemberData(nameof(Types))]
    public void Matches_reference_or_naive_recomputation(string type)
    {
        foreach (var c in CasesOf(type))
            foreach (var data in MarketData.Files)
            {
                var expected = c.Expected(data);
                var actual = Run(c.Create(), data);
                Assert.Equal(actual.Length, expected.Length);
                for (int k = 0; k < expected.Length; k++)
                    SeriesAssert.Close(expected[k], actual[k], $"{c} on {data.Name}, output {k}");
            }
    }

    [Theory, MemberData(nameof(Types))]
    public void Is_not_ready_before_warm_up_and_ready_from_it(string type)
    {
        foreach (var c in CasesOf(type))
            foreach (var data in MarketData.Files)
            {
                var indicator = c.Create();
                for (int i = 0; i < data.Length; i++)
                {
                    indicator.Update(data.Candles[i]);
                    for (int k = 0; k < indicator.OutputCount; k++)
                    {
                        bool due = i + 1 >= indicator.OutputWarmUpPeriod(k);
                        if (due == double.IsNaN(indicator[k]))
                            Assert.Fail($"{c} on {data.Name}: output {k} is {indicator[k]} after {i + 1} inputs " +
                                $"(warm-up {indicator.OutputWarmUpPeriod(k)})");
                    }
                    Assert.Equal(i + 1 >= indicator.WarmUpPeriod, indicator.IsReady);
                }
            }
    }

    [Theory, MemberData(nameof(Types))]
    public void Reset_then_replay_gives_identical_values(string type)
    {
        foreach (var c in CasesOf(type))
            foreach (var data in MarketData.Files)
            {
                var indicator = c.Create();
                var first = Run(indicator, data);
                indicator.Reset();
                Assert.False(indicator.IsReady);
                for (int k = 0; k < indicator.OutputCount; k++) Assert.True(double.IsNaN(indicator[k]));
                var second = Run(indicator, data);
                for (int k = 0; k < first.Length; k++)
                    Assert.True(first[k].AsSpan().SequenceEqual(second[k]), $"{c} on {data.Name}: output {k} differs after Reset");
            }
    }

    [Theory, MemberData(nameof(Types))]
    public void Allocates_nothing_after_warm_up(string type)
    {
        foreach (var c in CasesOf(type))
        {
            var candles = MarketData.Files[0].Candles;
            var indicator = c.Create();
            for (int i = 0; i < candles.Length; i++) indicator.Update(candles[i]);
            Assert.True(indicator.IsReady);
            long allocated = SteadyAllocation.Bytes(() =>
            {
                for (int i = 0; i < MeasuredUpdates; i++) indicator.Update(candles[i % candles.Length]);
            });
            Assert.True(allocated == 0, $"{c}: {allocated} bytes allocated over {MeasuredUpdates} updates, in each of three rounds");
        }
    }

    /// <summary>Feeds every candle; returns each output's value after each candle.</summary>
    private static double[][] Run(Indicator indicator, MarketData data)
    {
        var outputs = new double[indicator.OutputCount][];
        for (int k = 0; k < outputs.Length; k++) outputs[k] = new double[data.Length];
        for (int i = 0; i < data.Length; i++)
        {
            indicator.Update(data.Candles[i]);
            for (int k = 0; k < outputs.Length; k++) outputs[k][i] = indicator[k];
        }
        return outputs;
    }
}
