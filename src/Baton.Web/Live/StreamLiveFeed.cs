using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Engine.Live;
using Baton.Engine.Live.Bus;
using Baton.Engine.Live.Messages;
using Baton.Engine.Live.Sessions;

namespace Baton.Web.Live;

/// <summary>
/// Live sessions running in their own processes (<c>baton live --redis</c>), watched through <see cref="IStreamWatch"/>:
/// follows <c>events:live</c> from its start (within the stream's cap), then as it grows, and keeps one
/// <see cref="LiveBoard"/> per strategy named in the events (at most <see cref="MaxSessions"/>; events naming no strategy
/// are not attributed and are skipped). Once the events are caught up it takes the last <see cref="CandleStore.Kept"/>
/// entries of <c>prices:live</c> and follows it too, for the price charts. A stop is a <c>stop</c> message on
/// <c>control:live</c> naming the strategy (producer <c>dashboard</c>); its <c>stopped</c> event comes back on
/// <c>events:live</c>. Polled (no blocking read): at once while there is more, every <see cref="IdlePoll"/> otherwise.
/// </summary>
public sealed class StreamLiveFeed : ILiveFeed, IAsyncDisposable
{
    public const int MaxSessions = 64;
    private const int Page = 1_000;
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(200);
    private readonly IStreamWatch _watch;
    private readonly Action<string> _log;
    private readonly Dictionary<string, LiveBoard> _boards = new(StringComparer.Ordinal);
    private readonly CandleStore _candles = new();
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _following = Task.CompletedTask;
    private string _eventsAfter = "0-0";
    private string? _pricesAfter;
    private long _stopSeq;
    private string? _problem;

    public StreamLiveFeed(IStreamWatch watch, Action<string>? log = null)
    {
        _watch = watch ?? throw new ArgumentNullException(nameof(watch));
        _log = log ?? (_ => { });
    }

    /// <summary>Starts following the streams in the background.</summary>
    public void Start() => _following = Task.Run(() => FollowAsync(_stop.Token));

    public string Description => $"sessions in other processes, from {LiveStreams.Events} on {_watch.Description}";

    public bool IsAvailable => true;

    public IReadOnlyList<LiveSession> Sessions()
    {
        lock (_lock) return [.. _boards.Values.Select(b => b.Describe())];
    }

    public IAsyncEnumerable<LiveUpdate> SubscribeAsync(string sessionId, CancellationToken cancellationToken) =>
        (Board(sessionId) ?? throw new KeyNotFoundException($"no live session '{sessionId}'")).SubscribeAsync(_candles.For, cancellationToken);

    /// <summary>Sends a stop naming the session's strategy; false when it is unknown or already stopped.</summary>
    public async Task<bool> StopAsync(string sessionId, string reason, CancellationToken cancellationToken)
    {
        if (Board(sessionId) is not { IsStopped: false } board) return false;
        long seq;
        lock (_lock) seq = _stopSeq = Math.Max(_stopSeq + 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        string json = JsonSerializer.Serialize(new JsonObject
        {
            ["v"] = 1, ["type"] = "stop", ["producer"] = "dashboard", ["seq"] = seq, ["id"] = Guid.NewGuid().ToString("N"),
            ["strategy"] = board.Strategy, ["reason"] = reason,
        });
        await _watch.AppendAsync(LiveStreams.Control, json, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private LiveBoard? Board(string id)
    {
        lock (_lock) return _boards.Values.FirstOrDefault(b => b.Id == id);
    }

    private async Task FollowAsync(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            try
            {
                bool more = await EventsAsync(token).ConfigureAwait(false);
                if (!more) more = await PricesAsync(token).ConfigureAwait(false);
                if (_problem is not null) _log($"reading {_watch.Description} again");
                _problem = null;
                if (!more) await Task.Delay(IdlePoll, token).ConfigureAwait(false);
            }
            catch (BusUnavailableException e)
            {
                if (_problem is null) _log($"cannot read {LiveStreams.Events} ({e.Message}); retrying");
                _problem = e.Message;
                await Task.Delay(TimeSpan.FromSeconds(1), token).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One page of <c>events:live</c>; true when there may be more right now.</summary>
    private async Task<bool> EventsAsync(CancellationToken token)
    {
        var entries = await _watch.ReadAfterAsync(LiveStreams.Events, _eventsAfter, Page, token).ConfigureAwait(false);
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var e in entries)
        {
            _eventsAfter = e.Id;
            if (Event(e.Data) is { } ev) BoardOf(ev.Strategy)?.Take(ev.Json, ev.Seq, now);
        }
        return entries.Count == Page;
    }

    /// <summary>The candles of <c>prices:live</c>: first its last entries, then one page after the last one read.</summary>
    private async Task<bool> PricesAsync(CancellationToken token)
    {
        var entries = _pricesAfter is null
            ? await _watch.ReadLastAsync(LiveStreams.Prices, CandleStore.Kept, token).ConfigureAwait(false)
            : await _watch.ReadAfterAsync(LiveStreams.Prices, _pricesAfter, Page, token).ConfigureAwait(false);
        bool first = _pricesAfter is null;
        _pricesAfter = entries.Count > 0 ? entries[^1].Id : _pricesAfter ?? "0-0";
        foreach (var e in entries)
        {
            if (_candles.Take(e.Data) is not { } candle) continue;
            var update = new LiveUpdate("candle", (long)candle.Bar[0],
                JsonSerializer.SerializeToElement(new { symbol = candle.Symbol, bar = candle.Bar }));
            LiveBoard[] boards;
            lock (_lock) boards = [.. _boards.Values.Where(b => b.Symbols.Contains(candle.Symbol))];
            foreach (var b in boards) b.Candle(update);
        }
        return !first && entries.Count == Page;
    }

    /// <summary>The board of <paramref name="strategy"/>, made on its first event; null past <see cref="MaxSessions"/>.</summary>
    private LiveBoard? BoardOf(string strategy)
    {
        lock (_lock)
        {
            if (_boards.TryGetValue(strategy, out var board)) return board;
            if (_boards.Count >= MaxSessions) return null;
            string id = SessionId(strategy);
            if (_boards.Values.Any(b => b.Id == id)) id += "-" + (_boards.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return _boards[strategy] = new LiveBoard(id, strategy);
        }
    }

    /// <summary>An event's strategy, sequence number and JSON; null for anything else (no strategy, no seq, not JSON).</summary>
    private static (string Strategy, long Seq, JsonObject Json)? Event(string? data)
    {
        if (data is null) return null;
        try
        {
            if (JsonNode.Parse(data) is not JsonObject o || (string?)o["strategy"] is not { Length: > 0 and <= 200 } strategy) return null;
            return o["seq"] is JsonValue v && v.TryGetValue(out long seq) && seq >= 0 ? (strategy, seq, o) : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Letters, digits and dashes: the strategy's name with anything else turned into dashes.</summary>
    public static string SessionId(string name) => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _following.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        await _watch.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
