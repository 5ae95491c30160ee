using System.Runtime.CompilerServices;
using Baton.Core.Market;

namespace Baton.Core.Indicators;

/// <summary>
/// Ichimoku Kinkō Hyō (Goichi Hosoda, 1969), in price units, CAUSAL: every output at a bar uses only bars up
/// to it and is the value a chart shows AT that bar, never one drawn ahead or behind.
/// <list type="bullet">
/// <item><c>tenkan</c>: (highest high + lowest low) / 2 over the last <c>tenkan</c> bars (warm-up: tenkan).</item>
/// <item><c>kijun</c>: the same over the last <c>kijun</c> bars (warm-up: kijun).</item>
/// <item><c>senkou_a</c>: the cloud's leading span A at this bar, i.e. (tenkan + kijun) / 2 as computed
/// <c>displacement</c> bars ago (charts plot it that far ahead of where it is computed). Warm-up:
/// max(tenkan, kijun) + displacement.</item>
/// <item><c>senkou_b</c>: leading span B at this bar: the <c>senkou</c>-bar midpoint computed
/// <c>displacement</c> bars ago. Warm-up: senkou + displacement.</item>
/// <item><c>chikou</c>: the close <c>displacement</c> bars ago. The lagging span is today's close drawn that
/// far back, so "lagging span above price" is close &gt; chikou. Warm-up: displacement + 1.</item>
/// </list>
/// "Price above the cloud" is close &gt; max(senkou_a, senkou_b). Defaults 9/26/52/26. Charting packages
/// that shift by displacement − 1 (TradingView) show the spans one bar earlier.
/// </summary>
public sealed class IchimokuCloud : Indicator
{
    private readonly RollingExtreme[] _highs;
    private readonly RollingExtreme[] _lows;
    private readonly RingBuffer _spanA;
    private readonly RingBuffer _spanB;
    private readonly RingBuffer _closes;
    private readonly int _displacement;

    public IchimokuCloud(int tenkan, int kijun, int senkou, int displacement) : base(tenkan, 5)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(displacement);
        _highs = [new RollingExtreme(tenkan, true), new RollingExtreme(kijun, true), new RollingExtreme(senkou, true)];
        _lows = [new RollingExtreme(tenkan, false), new RollingExtreme(kijun, false), new RollingExtreme(senkou, false)];
        _spanA = new RingBuffer(displacement + 1);
        _spanB = new RingBuffer(displacement + 1);
        _closes = new RingBuffer(displacement + 1);
        _displacement = displacement;
        SetOutputWarmUpPeriod(1, kijun);
        SetOutputWarmUpPeriod(2, Math.Max(tenkan, kijun) + displacement);
        SetOutputWarmUpPeriod(3, senkou + displacement);
        SetOutputWarmUpPeriod(4, displacement + 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(in Candle candle)
    {
        for (int i = 0; i < 3; i++)
        {
            _highs[i].Add(candle.High);
            _lows[i].Add(candle.Low);
        }
        double tenkan = Midpoint(0), kijun = Midpoint(1);
        Values[0] = tenkan;
        Values[1] = kijun;
        _spanA.Push((tenkan + kijun) / 2.0);
        _spanB.Push(Midpoint(2));
        _closes.Push(candle.Close);
        if (!_closes.IsFull) return;
        Values[2] = _spanA[_displacement];
        Values[3] = _spanB[_displacement];
        Values[4] = _closes[_displacement];
    }

    /// <summary>Midpoint of window <paramref name="i"/>, NaN until it is full (NaN means "not ready").</summary>
    private double Midpoint(int i) =>
        _highs[i].IsFull ? (_highs[i].Value + _lows[i].Value) / 2.0 : double.NaN;

    protected override void ResetState()
    {
        for (int i = 0; i < 3; i++)
        {
            _highs[i].Clear();
            _lows[i].Clear();
        }
        _spanA.Clear();
        _spanB.Clear();
        _closes.Clear();
    }
}
