using System.Globalization;
using Baton.Core.Market;
using Baton.Engine.Data.Checks;
using Baton.Engine.Strategy;

namespace Baton.Engine.Data.Synthetic;

/// <summary>
/// Candles from the seeded random walk of <see cref="SyntheticCandles"/>: <see cref="DataSpec.Bars"/> bars per
/// symbol from <see cref="DataSpec.Start"/>, any timeframe, any symbols. Symbol number i of the requested
/// list walks its own stream derived from <see cref="DataSpec.Seed"/> and i, so the same list in the same
/// order always gives the same candles. A time range only filters the bars (the walk is the same). Every
/// candle passes <see cref="CandleValidator"/> like any other source's.
/// </summary>
public sealed class SyntheticCandleSource : ICandleSource
{
    private readonly DataSpec _spec;

    /// <param name="spec">Bars, seed, start, start price, volatility and drift of the walks.</param>
    public SyntheticCandleSource(DataSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfNegative(spec.Bars, nameof(spec));
        _spec = spec;
    }

    /// <inheritdoc />
    public string Description => string.Create(CultureInfo.InvariantCulture,
        $"synthetic seed={_spec.Seed} bars={_spec.Bars} start={CandleTimestamp.Format(_spec.Start)} " +
        $"price={_spec.StartPrice} volatility={_spec.Volatility} drift={_spec.Drift}");

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ICandleStream>> OpenAsync(IReadOnlyList<string> symbols, Timeframe timeframe,
        TimeRange range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var streams = new ICandleStream[symbols.Count];
        for (int i = 0; i < symbols.Count; i++)
        {
            var state = SyntheticCandleState.Create(_spec, timeframe, i);
            streams[i] = new SyntheticCandleStream(symbols[i], state, _spec.Bars, range);
        }
        return ValueTask.FromResult<IReadOnlyList<ICandleStream>>(streams);
    }

    private sealed class SyntheticCandleStream : ICandleStream
    {
        private readonly CandleValidator _validator;
        private readonly long _from;
        private readonly long _to;
        private SyntheticCandleState _state;
        private long _remaining;

        public SyntheticCandleStream(string symbol, SyntheticCandleState state, long bars, TimeRange range)
        {
            Symbol = symbol;
            _state = state;
            _remaining = bars;
            _from = range.From ?? long.MinValue;
            _to = range.To ?? long.MaxValue;
            _validator = new CandleValidator("synthetic " + symbol);
        }

        public string Symbol { get; }

        public ValueTask<int> ReadAsync(Memory<Candle> buffer, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(Read(buffer.Span));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private int Read(Span<Candle> destination)
        {
            int written = 0;
            while (written == 0 && _remaining > 0 && !destination.IsEmpty)
            {
                int count = (int)Math.Min(destination.Length, _remaining);
                SyntheticCandles.Fill(destination[..count], ref _state);
                _remaining -= count;
                for (int i = 0; i < count; i++)
                {
                    var candle = destination[i];
                    _validator.Validate(candle, _state.Count - count + i + 1);
                    if (candle.OpenTime < _from) continue;
                    if (candle.OpenTime > _to)
                    {
                        _remaining = 0;
                        break;
                    }
                    destination[written++] = candle;
                }
            }
            return written;
        }
    }
}
