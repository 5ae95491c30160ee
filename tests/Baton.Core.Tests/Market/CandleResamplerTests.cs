using Baton.Core.Market;

namespace Baton.Core.Tests.Markets;

public class CandleResamplerTests
{
    private const long H = Timeframe.Hour;

    private static Candle Bar(long hour, double o, double h, double l, double c, double v = 10) => new(hour * H, o, h, l, c, v);

    [Fact]
    public void A_higher_candle_is_handed_out_only_when_its_last_base_candle_arrives()
    {
        var r = new CandleResampler(new Timeframe(H), new Timeframe(4 * H));
        Assert.Equal(0, r.Add(Bar(0, 10, 12, 9, 11), out _, out _));
        Assert.Equal(0, r.Add(Bar(1, 11, 15, 10, 14), out _, out _));
        Assert.Equal(0, r.Add(Bar(2, 14, 14, 8, 9), out _, out _));
        Assert.Equal(1, r.Add(Bar(3, 9, 10, 9, 10), out var day, out _));
        Assert.Equal(new Candle(0, 10, 15, 8, 10, 40), day);
    }

    [Fact]
    public void A_period_whose_last_candle_is_missing_closes_when_the_next_period_starts()
    {
        var r = new CandleResampler(new Timeframe(H), new Timeframe(4 * H));
        r.Add(Bar(0, 10, 12, 9, 11), out _, out _);
        r.Add(Bar(1, 11, 13, 10, 12), out _, out _);
        Assert.Equal(1, r.Add(Bar(5, 20, 21, 19, 20), out var closed, out _));
        Assert.Equal(new Candle(0, 10, 13, 9, 12, 20), closed);
    }

    [Fact]
    public void A_gap_can_close_two_periods_at_once_in_order()
    {
        var r = new CandleResampler(new Timeframe(H), new Timeframe(2 * H));
        r.Add(Bar(0, 10, 12, 9, 11), out _, out _);
        Assert.Equal(2, r.Add(Bar(3, 20, 21, 19, 20), out var first, out var second));
        Assert.Equal(0, first.OpenTime);
        Assert.Equal(2 * H, second.OpenTime);
        Assert.Equal(20, second.Close);
    }

    [Fact]
    public void Only_whole_multiples_are_accepted()
    {
        Assert.Throws<ArgumentException>(() => new CandleResampler(new Timeframe(H), new Timeframe(90 * Timeframe.Minute)));
        Assert.Throws<ArgumentException>(() => new CandleResampler(new Timeframe(H), new Timeframe(H)));
    }
}
