using Baton.Core.Market;
using Baton.Engine.Strategy;

namespace Baton.Engine.Data.Synthetic;

/// <summary>
/// Where one symbol's synthetic random walk stands: the generator state, the last close and the next open
/// time. A mutable value: pass it by <c>ref</c> to <see cref="SyntheticCandles.Fill"/>; a copy continues the
/// same walk independently.
/// </summary>
internal struct SyntheticCandleState
{
    private readonly long _step;
    private readonly double _startPrice;
    private readonly double _volatility;
    private readonly double _drift;
    private DeterministicRandom _random;
    private double _previousClose;

    private SyntheticCandleState(DataSpec spec, Timeframe timeframe, int symbolIndex)
    {
        _step = timeframe.Milliseconds;
        _startPrice = spec.StartPrice;
        _volatility = spec.Volatility;
        _drift = spec.Drift;
        _random = DeterministicRandom.Create(spec.Seed, symbolIndex);
        _previousClose = double.NaN;
        NextOpenTime = spec.Start;
    }

    /// <summary>Open time (Unix ms UTC) of the next candle the walk will produce.</summary>
    public long NextOpenTime { get; private set; }

    /// <summary>How many candles the walk has produced.</summary>
    public long Count { get; private set; }

    /// <summary>The walk of symbol number <paramref name="symbolIndex"/> (0-based, its place in the strategy's
    /// symbol list) for <paramref name="spec"/>'s seed, start, start price, volatility and drift.</summary>
    public static SyntheticCandleState Create(DataSpec spec, Timeframe timeframe, int symbolIndex)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfLessThan(timeframe.Milliseconds, 1, nameof(timeframe));
        ArgumentOutOfRangeException.ThrowIfNegative(symbolIndex);
        if (!double.IsFinite(spec.StartPrice) || spec.StartPrice <= 0)
            throw new ArgumentOutOfRangeException(nameof(spec), spec.StartPrice, "StartPrice must be a positive number.");
        if (!double.IsFinite(spec.Volatility) || spec.Volatility < 0)
            throw new ArgumentOutOfRangeException(nameof(spec), spec.Volatility, "Volatility must be zero or a positive number.");
        if (!double.IsFinite(spec.Drift))
            throw new ArgumentOutOfRangeException(nameof(spec), spec.Drift, "Drift must be a finite number.");
        return new SyntheticCandleState(spec, timeframe, symbolIndex);
    }

    /// <summary>The next candle of the walk.</summary>
    public Candle Next()
    {
        double open = double.IsNaN(_previousClose)
            ? SyntheticPrices.Round(_startPrice)
            : SyntheticPrices.Round(SyntheticPrices.Reflect(
                _previousClose * DeterministicMath.Exp(SyntheticPrices.GapShare * _volatility * _random.NextNormal())));
        double close = SyntheticPrices.Round(SyntheticPrices.Reflect(open * DeterministicMath.Exp(_drift + _volatility * _random.NextNormal())));
        double top = Math.Max(open, close);
        double bottom = Math.Min(open, close);
        double wick = SyntheticPrices.WickShare * _volatility;
        double high = Math.Max(top, SyntheticPrices.RoundUp(top * DeterministicMath.Exp(wick * Math.Abs(_random.NextNormal()))));
        double low = Math.Min(bottom, SyntheticPrices.RoundDown(bottom * DeterministicMath.Exp(-wick * Math.Abs(_random.NextNormal()))));
        double volume = Math.Max(1, Math.Round(SyntheticPrices.MedianVolume * DeterministicMath.Exp(0.5 * _random.NextNormal())));
        var candle = new Candle(NextOpenTime, open, high, low, close, volume);
        _previousClose = close;
        NextOpenTime += _step;
        Count++;
        return candle;
    }
}

/// <summary>
/// The synthetic data generator (the seed's "generate window"): a seeded geometric random walk with valid
/// OHLC, identical bits on every platform (own xoshiro256** generator and own exp/log, never
/// <see cref="Random"/> or the C library).
/// <para>Per bar: open = previous close × e^(0.1·σ·z) (a small gap; the first open is the start price);
/// close = open × e^(μ + σ·z); high and low reach beyond max/min(open, close) by e^(±0.5·σ·|z|); volume is
/// 1,000,000 × e^(0.5·z) rounded to a whole number ≥ 1; σ = <see cref="DataSpec.Volatility"/>, μ =
/// <see cref="DataSpec.Drift"/> (per bar, log returns). Prices are rounded to cents from 1 up and to four
/// significant digits below 1 (high rounded up, low down), so a walk can never reach zero. Open and close are reflected
/// (in log space) off the band [<see cref="SyntheticLimits.MinPrice"/>, <see cref="SyntheticLimits.MaxPrice"/>], so a long or
/// wild walk (10 M hourly bars at σ = 1 % drift e^±30 away) stays within the prices a candle may hold; a walk inside
/// the band is untouched.</para>
/// </summary>
internal static class SyntheticCandles
{
    /// <summary>Fills all of <paramref name="destination"/> with the next candles of <paramref name="state"/>'s walk.
    /// No allocation and no validation: made for benchmarks that need millions of candles in memory.</summary>
    public static void Fill(Span<Candle> destination, ref SyntheticCandleState state)
    {
        for (int i = 0; i < destination.Length; i++) destination[i] = state.Next();
    }
}

/// <summary>The price grid and shape constants of the synthetic walk.</summary>
internal static class SyntheticPrices
{
    public const double GapShare = 0.1;
    public const double WickShare = 0.5;
    public const double MedianVolume = 1_000_000;

    /// <summary>A price past the walk's band mirrored back into it in log space (ceiling² / p above, floor² / p below);
    /// one step is at most e^(1 + 7σ), far less than the band's width, so one mirror is always enough.</summary>
    public static double Reflect(double price) => price > SyntheticLimits.MaxPrice
        ? SyntheticLimits.MaxPrice * (SyntheticLimits.MaxPrice / price)
        : price < SyntheticLimits.MinPrice ? SyntheticLimits.MinPrice * (SyntheticLimits.MinPrice / price) : price;

    /// <summary>Nearest grid price: cents from 1 up, four significant digits below.</summary>
    public static double Round(double price)
    {
        double scale = Scale(price);
        return Math.Round(price * scale) / scale;
    }

    /// <summary>Smallest grid price at or above <paramref name="price"/> (up to the last bit of the division).</summary>
    public static double RoundUp(double price)
    {
        double scale = Scale(price);
        return Math.Ceiling(price * scale) / scale;
    }

    /// <summary>Largest grid price at or below <paramref name="price"/> (up to the last bit of the division).</summary>
    public static double RoundDown(double price)
    {
        double scale = Scale(price);
        return Math.Floor(price * scale) / scale;
    }

    private static double Scale(double price)
    {
        if (!(price < 1)) return 100;
        double scale = 10_000;
        while (price * scale < 1000 && scale < 1e300) scale *= 10;
        return scale;
    }
}
