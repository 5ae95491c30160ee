using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Data.Csv;
using Baton.Engine.Strategy;

namespace Baton.Components;

/// <summary>
/// The run's candles written once to a CSV file for components (<c>BATON_DATA_SOURCE=window</c>), in a folder of
/// its own under the temp directory that <see cref="Dispose"/> deletes. Same format as <see cref="CsvCandleWriter"/>:
/// <c>timestamp,open,high,low,close,volume</c>, with a leading <c>symbol</c> column when the run has several symbols.
/// </summary>
public sealed class WindowFile : IDisposable
{
    private WindowFile(string folder, string path, long? first, long? last, long rows)
    {
        Folder = folder;
        Path = path;
        First = first;
        Last = last;
        Rows = rows;
    }

    public string Folder { get; }
    public string Path { get; }
    /// <summary>Open time of the first candle written (Unix ms), null when none was.</summary>
    public long? First { get; }
    public long? Last { get; }
    public long Rows { get; }

    public static async Task<WindowFile> WriteAsync(ICandleSource source, StrategyDefinition strategy, TimeRange range,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(strategy);
        string folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "baton-components-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var streams = await source.OpenAsync(strategy.Symbols, strategy.Timeframe, range, cancellationToken).ConfigureAwait(false);
            var observed = streams.Select(s => new ObservedStream(s)).ToArray();
            string path = System.IO.Path.Combine(folder, "window.csv");
            long rows = await CsvCandleWriter.WriteAsync(path, observed, strategy.Timeframe, cancellationToken).ConfigureAwait(false);
            long? first = observed.Where(o => o.First is not null).Select(o => o.First).Min();
            long? last = observed.Where(o => o.Last is not null).Select(o => o.Last).Max();
            return new WindowFile(folder, path, first, last, rows);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>Writes <paramref name="candles"/> of one symbol (live: the latest N) to <paramref name="path"/>.</summary>
    public static async Task WriteAsync(string path, string symbol, ReadOnlyMemory<Candle> candles, Timeframe timeframe,
        CancellationToken cancellationToken) =>
        await CsvCandleWriter.WriteAsync(path, [new MemoryStream(symbol, candles)], timeframe, cancellationToken).ConfigureAwait(false);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // a component may still hold it open; the temp folder is cleaned by the system
        }
    }

    /// <summary>Passes candles through, noting the first and last open time.</summary>
    private sealed class ObservedStream(ICandleStream inner) : ICandleStream
    {
        public string Symbol => inner.Symbol;
        public long? First { get; private set; }
        public long? Last { get; private set; }

        public async ValueTask<int> ReadAsync(Memory<Candle> buffer, CancellationToken cancellationToken)
        {
            int n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (n > 0)
            {
                First ??= buffer.Span[0].OpenTime;
                Last = buffer.Span[n - 1].OpenTime;
            }
            return n;
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    /// <summary>Candles already in memory, served once.</summary>
    private sealed class MemoryStream(string symbol, ReadOnlyMemory<Candle> candles) : ICandleStream
    {
        private bool _done;

        public string Symbol => symbol;

        public ValueTask<int> ReadAsync(Memory<Candle> buffer, CancellationToken cancellationToken)
        {
            if (_done) return ValueTask.FromResult(0);
            int n = Math.Min(buffer.Length, candles.Length);
            candles[..n].CopyTo(buffer);
            candles = candles[n..];
            _done = candles.IsEmpty;
            return ValueTask.FromResult(n);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
