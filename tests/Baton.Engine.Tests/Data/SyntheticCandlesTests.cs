using System.Security.Cryptography;
using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Data.Checks;
using Baton.Engine.Data.Synthetic;
using Baton.Engine.Strategy;

namespace Baton.Engine.Tests.Data;

public sealed class SyntheticCandlesTests : IDisposable
{
    private readonly DataTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Same_seed_gives_the_same_bytes()
    {
        var spec = new DataSpec { Bars = 2000, Seed = 42 };
        await SyntheticData.GenerateToCsvAsync(_files.PathOf("a.csv"), ["A", "B"], new Timeframe(Timeframe.Hour), spec, CancellationToken.None);
        await SyntheticData.GenerateToCsvAsync(_files.PathOf("b.csv"), ["A", "B"], new Timeframe(Timeframe.Hour), spec, CancellationToken.None);
        Assert.Equal(File.ReadAllBytes(_files.PathOf("a.csv")), File.ReadAllBytes(_files.PathOf("b.csv")));
    }

    [Fact]
    public async Task Output_is_pinned_so_every_platform_gives_the_same_bytes()
    {
        var spec = new DataSpec { Bars = 500, Seed = 7, Volatility = 0.02, Drift = 0.0001 };
        string path = _files.PathOf("pinned.csv");
        await SyntheticData.GenerateToCsvAsync(path, ["BTC", "ETH"], new Timeframe(15 * Timeframe.Minute), spec, CancellationToken.None);
        string hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
        Assert.Equal(PinnedHash, hash);
    }

    [Fact]
    public void Different_seeds_and_symbols_walk_differently()
    {
        var a = Generate(new DataSpec { Seed = 1 }, 0, 100);
        var b = Generate(new DataSpec { Seed = 2 }, 0, 100);
        var c = Generate(new DataSpec { Seed = 1 }, 1, 100);
        Assert.NotEqual(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(a, Generate(new DataSpec { Seed = 1 }, 0, 100));
    }

    [Fact]
    public void Ohlc_is_valid_over_100k_bars_and_prices_sit_on_the_grid()
    {
        var spec = new DataSpec { Seed = 3, Volatility = 0.03, StartPrice = 2 };
        var candles = Generate(spec, 0, 100_000);
        var validator = new CandleValidator("synthetic");
        long step = Timeframe.Hour;
        for (int i = 0; i < candles.Length; i++)
        {
            var c = candles[i];
            validator.Validate(c, i + 1);
            Assert.True(c.High >= Math.Max(c.Open, c.Close) && c.Low <= Math.Min(c.Open, c.Close) && c.Volume >= 1);
            Assert.Equal(spec.Start + i * step, c.OpenTime);
            Assert.True(OnGrid(c.Open) && OnGrid(c.High) && OnGrid(c.Low) && OnGrid(c.Close), $"bar {i}: {c}");
        }
        Assert.Contains(candles, c => c.Close < 1); // the walk went below 1, so the small-price grid was used
    }

    [Fact]
    public void Open_stays_near_the_previous_close()
    {
        var candles = Generate(new DataSpec { Volatility = 0.01 }, 0, 10_000);
        Assert.Equal(100, candles[0].Open);
        for (int i = 1; i < candles.Length; i++) Assert.InRange(candles[i].Open / candles[i - 1].Close, 0.99, 1.01);
    }

    [Fact]
    public async Task Source_gives_bars_per_symbol_within_the_range()
    {
        var spec = new DataSpec { Bars = 10, Start = 0 };
        var source = new SyntheticCandleSource(spec);
        var all = await DataTestFiles.ReadAllAsync(source, ["A", "B"], batch: 3);
        Assert.All(all, list => Assert.Equal(10, list.Count));
        Assert.Equal(Generate(spec, 1, 10, Timeframe.Day), all[1]);
        var some = (await DataTestFiles.ReadAllAsync(source, ["A"], new TimeRange(2 * Timeframe.Day, 4 * Timeframe.Day), batch: 2))[0];
        Assert.Equal(all[0].Skip(2).Take(3), some);
    }

    // SHA-256 of the file; changes only when the generator is changed on purpose.
    private const string PinnedHash = "CDC5CD4480F47B1EC4AF8A9DFC0D6499BE46D652C6803412CFB09BFF61EA1DF6";

    private static Candle[] Generate(DataSpec spec, int symbol, int count, long step = Timeframe.Hour)
    {
        var state = SyntheticCandleState.Create(spec, new Timeframe(step), symbol);
        var candles = new Candle[count];
        SyntheticCandles.Fill(candles.AsSpan(0, count / 2), ref state);
        SyntheticCandles.Fill(candles.AsSpan(count / 2), ref state);
        return candles;
    }

    private static bool OnGrid(double price)
    {
        double scale = 100;
        if (price < 1)
        {
            scale = 10_000;
            while (price * scale < 1000) scale *= 10;
        }
        double scaled = price * scale;
        return Math.Abs(scaled - Math.Round(scaled)) < 1e-6;
    }
}
