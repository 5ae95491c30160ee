using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Baton.Engine.Live.Sessions;

namespace Baton.Web.Live;

/// <summary>
/// What the dashboard keeps of one session seen on <c>events:live</c>, bounded: its announcement (symbols, timeframe,
/// initial capital), the latest portfolio, the last <see cref="EquityKept"/> equity points, the last <see cref="FillsKept"/>
/// fills and <see cref="EventsKept"/> orders, risk events, state changes and log lines; and its subscribers. Events are
/// taken once per sequence number (<c>seq</c> above the last one taken; the stream delivers them at least once, in order);
/// the announcement (<c>seq</c> 0) is taken every time. Thread-safe.
/// </summary>
internal sealed class LiveBoard(string id, string strategy)
{
    public const int EquityKept = 5_000;
    public const int FillsKept = 500;
    public const int EventsKept = 200;
    private const int Backlog = 4_096;
    private readonly Lock _lock = new();
    private readonly Queue<(long Time, double Equity)> _equity = new();
    private readonly Queue<LiveUpdate> _fills = new();
    private readonly Queue<LiveUpdate> _events = new();
    private readonly List<Channel<LiveUpdate>> _subscribers = [];
    private JsonObject _announcement = new();
    private LiveUpdate? _portfolio;
    private string _state = "Starting";
    private string? _stopReason;
    private long _seq;
    private long _heard;

    public string Id { get; } = id;
    public string Strategy { get; } = strategy;

    /// <summary>The session's symbols as announced (none before its announcement).</summary>
    public IReadOnlyList<string> Symbols { get; private set; } = [];

    public LiveSession Describe()
    {
        lock (_lock)
            return new LiveSession(Id, Strategy, _state, _stopReason)
            {
                Source = "events:live", Symbols = Symbols, Timeframe = (string?)_announcement["timeframe"], LastEventAt = _heard,
            };
    }

    public bool IsStopped
    {
        get { lock (_lock) return _stopReason is not null; }
    }

    /// <summary>Takes one event of this session (its JSON with <c>type</c>, <c>strategy</c> and <c>seq</c>); false when it
    /// was taken before (a repeat: at-least-once delivery) or carries no usable <c>seq</c>.</summary>
    public bool Take(JsonObject json, long seq, long heardAt)
    {
        string type = (string?)json["type"] ?? "";
        json.Remove("type");
        json.Remove("strategy");
        json.Remove("seq");
        long time = json["time"] is JsonValue t && t.TryGetValue(out long ms) ? ms : heardAt;
        var update = new LiveUpdate(type, time, JsonSerializer.SerializeToElement(json));
        lock (_lock)
        {
            if (type == "session") Announce(json);
            else if (seq <= _seq) return false;
            else
            {
                _seq = seq;
                Record(type, update);
            }
            _heard = heardAt;
            foreach (var c in _subscribers) c.Writer.TryWrite(update);
        }
        return true;
    }

    /// <summary>A session announcing another journal than before is a new session under the same name: its numbering starts
    /// again, so what was kept of the old one goes.</summary>
    private void Announce(JsonObject json)
    {
        if ((string?)_announcement["journal"] is { } before && (string?)json["journal"] is { } now && before != now)
        {
            (_seq, _portfolio, _state, _stopReason) = (0, null, "Starting", null);
            _equity.Clear();
            _fills.Clear();
            _events.Clear();
        }
        _announcement = json;
        Symbols = json["symbols"] is JsonArray a ? [.. a.Select(s => (string?)s ?? "")] : [];
    }

    private void Record(string type, LiveUpdate update)
    {
        switch (type)
        {
            case "portfolio_update":
                _portfolio = update;
                if (_stopReason is null && update.Data.TryGetProperty("state", out var s)) _state = Title(s.GetString() ?? "");
                if (update.Data.TryGetProperty("equity", out var e) && e.ValueKind == JsonValueKind.Number)
                    Keep(_equity, (update.Time, e.GetDouble()), EquityKept);
                break;
            case "fill":
                Keep(_fills, update, FillsKept);
                Keep(_events, update, EventsKept);
                break;
            case "stopped":
                (_state, _stopReason) = ("Stopped", update.Data.TryGetProperty("reason", out var r) ? r.GetString() ?? "stopped" : "stopped");
                Keep(_events, update, EventsKept);
                break;
            default:
                Keep(_events, update, EventsKept);
                break;
        }
    }

    /// <summary>A candle of one of the session's symbols (already shaped as the page draws it) to the subscribers.</summary>
    public void Candle(LiveUpdate candle)
    {
        lock (_lock) foreach (var c in _subscribers) c.Writer.TryWrite(candle);
    }

    /// <summary>First a <c>history</c> update (announcement, equity points, fills, recent events, the candles
    /// <paramref name="candles"/> gives for the symbols), then the latest portfolio, then every update as it comes.</summary>
    public async IAsyncEnumerable<LiveUpdate> SubscribeAsync(Func<IReadOnlyList<string>, JsonObject> candles,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<LiveUpdate>(new BoundedChannelOptions(Backlog) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_lock)
        {
            channel.Writer.TryWrite(History(candles(Symbols)));
            if (_portfolio is { } p) channel.Writer.TryWrite(p);
            _subscribers.Add(channel);
        }
        try
        {
            await foreach (var update in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false)) yield return update;
        }
        finally
        {
            lock (_lock) _subscribers.Remove(channel);
        }
    }

    private LiveUpdate History(JsonObject candles)
    {
        var body = new JsonObject
        {
            ["session"] = _announcement.DeepClone(),
            ["state"] = _state,
            ["stop_reason"] = _stopReason,
            ["equity"] = new JsonArray([.. _equity.Select(p => (JsonNode)new JsonArray(p.Time, p.Equity))]),
            ["fills"] = new JsonArray([.. _fills.Select(Node)]),
            ["events"] = new JsonArray([.. _events.Select(u => (JsonNode)new JsonObject { ["type"] = u.Type, ["time"] = u.Time, ["data"] = Node(u) })]),
            ["candles"] = candles,
        };
        return new LiveUpdate("history", _heard, JsonSerializer.SerializeToElement(body));
    }

    private static JsonNode Node(LiveUpdate u) => JsonNode.Parse(u.Data.GetRawText())!;

    private static void Keep<T>(Queue<T> queue, T item, int max)
    {
        queue.Enqueue(item);
        while (queue.Count > max) queue.Dequeue();
    }

    /// <summary><c>position_open</c> → <c>PositionOpen</c>, as the portfolio's states are named.</summary>
    private static string Title(string snake) =>
        string.Concat(snake.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}
