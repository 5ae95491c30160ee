using Baton.Core.Indicators;
using Baton.Core.Market;

namespace Baton.Core.Tests.Indicators;

public sealed class VolumeWeightedAveragePriceTests
{
    private static MarketData Hourly() =>
        MarketData.FromCandles("hourly", GeneratedCandles.Walk(24 * 6 + 5, 100, 1, seed: 11, interval: Timeframe.Hour));

    [Theory]
    [InlineData(24)]
    [InlineData(4)]
    [InlineData(0)]
    public void Intraday_bars_match_a_naive_session_vwap(int hours)
    {
        var data = Hourly();
        var vwap = new VolumeWeightedAveragePrice(hours);
        var actual = new double[data.Length];
        for (int i = 0; i < data.Length; i++)
        {
            vwap.Update(data.Candles[i]);
            actual[i] = vwap.Value;
        }
        SeriesAssert.Close(NaiveOscillators.Vwap(data, hours), actual, $"vwap session_hours={hours}");
    }

    [Fact]
    public void First_bar_of_a_UTC_day_starts_a_new_session()
    {
        var data = Hourly();
        var vwap = new VolumeWeightedAveragePrice();
        for (int i = 0; i < data.Length; i++)
        {
            var c = data.Candles[i];
            vwap.Update(c);
            bool midnight = c.OpenTime % Timeframe.Day == 0;
            if (midnight && c.Volume > 0) Assert.Equal(c.Hlc3, vwap.Value, 12);
            if (i % 24 == 5) Assert.NotEqual(c.Hlc3, vwap.Value);
        }
    }
}
