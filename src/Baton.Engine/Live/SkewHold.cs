using Baton.Core.Market;

namespace Baton.Engine.Live;

/// <summary>
/// Multi-symbol order with a bound on skew: a candle of a symbol ahead of the others waits here until every other symbol
/// has reached its bar (a candle at that time or later received), or until the newest candle waiting is more than
/// <c>maxSkewBars</c> bars ahead of the slowest symbol; then candles leave in time order, the symbols of one time in the
/// strategy's order, as a backtest merges them. A symbol with no candle yet counts as one bar before the first candle
/// received. Engine state, a pure function of the inputs: nothing here reads a clock. At most about
/// <c>maxSkewBars</c> candles per symbol wait, so the list stays small.
/// </summary>
internal sealed class SkewHold
{
    private readonly long _bar;
    private readonly long _maxAhead;
    private readonly long[] _received;
    private readonly List<Held> _held = [];
    private long _first = long.MinValue;

    public SkewHold(int symbols, long barLength, int maxSkewBars)
    {
        _bar = barLength;
        _maxAhead = maxSkewBars * barLength;
        _received = new long[symbols];
        Array.Fill(_received, long.MinValue);
    }

    /// <summary>A candle waiting, with the stale flag it arrived with.</summary>
    public readonly record struct Held(int Symbol, Candle Candle, bool Stale);

    /// <summary>Candles waiting for a slower symbol.</summary>
    public int Count => _held.Count;

    /// <summary>The open time of the last candle received for <paramref name="symbol"/> (waiting or applied), or
    /// <see cref="long.MinValue"/> before the first.</summary>
    public long Received(int symbol) => _received[symbol];

    /// <summary>Takes a candle later than every one received for its symbol.</summary>
    public void Add(int symbol, in Candle candle, bool stale)
    {
        _received[symbol] = candle.OpenTime;
        if (_first == long.MinValue) _first = candle.OpenTime;
        int at = _held.Count;
        while (at > 0 && Before(candle.OpenTime, symbol, _held[at - 1])) at--;
        _held.Insert(at, new Held(symbol, candle, stale));
    }

    /// <summary>The next candle to apply, if one may go now.</summary>
    public bool TryRelease(out Held next)
    {
        next = default;
        if (_held.Count == 0) return false;
        long slowest = Slowest();
        if (_held[0].Candle.OpenTime > slowest && _held[^1].Candle.OpenTime - slowest <= _maxAhead) return false;
        next = _held[0];
        _held.RemoveAt(0);
        return true;
    }

    private static bool Before(long open, int symbol, in Held other) =>
        open < other.Candle.OpenTime || (open == other.Candle.OpenTime && symbol < other.Symbol);

    private long Slowest()
    {
        long slowest = long.MaxValue;
        foreach (long r in _received) slowest = Math.Min(slowest, r == long.MinValue ? _first - _bar : r);
        return slowest;
    }
}
