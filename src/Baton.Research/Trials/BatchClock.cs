using Baton.Core.Market;

namespace Baton.Research.Trials;

/// <summary>
/// What a batch means to a frozen trial (<c>TradingEngine.IsFrozen</c>), computed once per batch for every trial of the
/// pass: the batch's distinct close times in order (and the same minus 1 ms, the instants the tracker records), and each
/// symbol's last close. <see cref="Ordered"/> is false when a close time went backwards: frozen trials then take the
/// batch candle by candle, so the engine reports the disorder exactly as a backtest does.
/// </summary>
internal sealed class BatchClock(int rows, int symbols, long barLength)
{
    private readonly long[] _closes = new long[rows];
    private readonly long[] _instants = new long[rows];
    private readonly double[] _last = new double[symbols];
    private int _count;

    public bool Ordered { get; private set; }

    public ReadOnlySpan<long> Closes => _closes.AsSpan(0, _count);
    public ReadOnlySpan<long> Instants => _instants.AsSpan(0, _count);
    public ReadOnlySpan<double> LastCloses => _last;

    public void Set(Candle[] candles, int[] symbols, int count)
    {
        Array.Fill(_last, double.NaN);
        _count = 0;
        Ordered = true;
        long previous = long.MinValue;
        for (int i = 0; i < count; i++)
        {
            long close = candles[i].OpenTime + barLength;
            _last[symbols[i]] = candles[i].Close;
            if (close == previous) continue;
            if (close < previous) Ordered = false;
            _closes[_count] = close;
            _instants[_count++] = close - 1;
            previous = close;
        }
    }
}
