using Baton.Core.Market;

namespace Baton.Engine.Live;

/// <summary>
/// Builds candles of one timeframe from trades, per symbol: a trade at time t belongs to the bar opening at
/// t − t mod timeframe; the bar being built closes when the first trade of a later bar arrives (there is no timer:
/// the wall clock would make the state depend on more than the inputs). Open = first price, close = last,
/// high/low the extremes, volume the sum of sizes.
/// </summary>
internal sealed class TradeBars
{
    private readonly long _barLength;
    private readonly Candle[] _bars;
    private readonly bool[] _building;

    public TradeBars(int symbols, long barLength)
    {
        _barLength = barLength;
        _bars = new Candle[symbols];
        _building = new bool[symbols];
    }

    /// <summary>The open time of the bar being built for <paramref name="symbol"/>, or null.</summary>
    public long? Building(int symbol) => _building[symbol] ? _bars[symbol].OpenTime : null;

    public long BarOf(long time) => time - (((time % _barLength) + _barLength) % _barLength);

    /// <summary>Adds a trade (as a one-price candle stamped at its time); true with the finished bar when it starts a later one.</summary>
    public bool Add(int symbol, in Candle trade, out Candle finished)
    {
        long bar = BarOf(trade.OpenTime);
        finished = default;
        if (_building[symbol] && bar == _bars[symbol].OpenTime)
        {
            var b = _bars[symbol];
            _bars[symbol] = new Candle(b.OpenTime, b.Open, Math.Max(b.High, trade.Close), Math.Min(b.Low, trade.Close), trade.Close, b.Volume + trade.Volume);
            return false;
        }
        bool closed = _building[symbol];
        if (closed) finished = _bars[symbol];
        _bars[symbol] = new Candle(bar, trade.Close, trade.Close, trade.Close, trade.Close, trade.Volume);
        _building[symbol] = true;
        return closed;
    }
}
