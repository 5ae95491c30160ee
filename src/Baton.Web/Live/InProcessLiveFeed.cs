using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Baton.Core.Orders;
using Baton.Engine.Events;
using Baton.Engine.Live.Sessions;
using Session = Baton.Engine.Live.Sessions.LiveSession;

namespace Baton.Web.Live;

/// <summary>
/// One live session running in this process, watched through <see cref="ILiveFeed"/>. Its events arrive on the
/// session's thread and are turned into updates with the JSON of <c>events.jsonl</c> / <c>events:live</c>; each
/// <c>portfolio_update</c> also carries <c>working_orders</c>, read from the engine on that thread when the update is
/// decided (the session releases it after the commit, when the engine may hold the next batch already). A subscriber first
/// gets the latest <c>portfolio_update</c>, then every update; a stop goes through <see cref="Session.StopAsync"/>, so it is
/// journaled like any other input.
/// </summary>
public sealed class InProcessLiveFeed : ILiveFeed, IEventSink, IDisposable
{
    private const int Backlog = 4_096;
    private readonly Session _session;
    private readonly IReadOnlyList<string> _symbols;
    private readonly IDisposable _subscription;
    private readonly IDisposable _decisions;
    private readonly Queue<(EngineEvent Update, JsonArray Orders)> _decided = new();
    private readonly Lock _lock = new();
    private readonly List<Channel<LiveUpdate>> _subscribers = [];
    private LiveUpdate? _snapshot;
    private LiveUpdate? _failure;
    private string _state = "Starting";
    private string? _stopReason;
    private bool _ended;

    /// <param name="id">The session's id in URLs: letters, digits and dashes.</param>
    public InProcessLiveFeed(Session session, string id, string strategy, IReadOnlyList<string> symbols)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        Id = id;
        Strategy = strategy;
        _symbols = symbols;
        _subscription = session.Subscribe(this);
        _decisions = session.SubscribeDecisions(new DecisionTap(this));
    }

    /// <summary>Keeps the working orders as of each <c>portfolio_update</c> decided, for when it is released.</summary>
    private sealed class DecisionTap(InProcessLiveFeed feed) : IEventSink
    {
        public void Publish(EngineEvent e)
        {
            if (e is PortfolioUpdated) lock (feed._lock) feed._decided.Enqueue((e, feed.WorkingOrders(e.Time)));
        }
    }

    /// <summary>The working orders captured when <paramref name="update"/> was decided; the engine's now for an update that
    /// was not (the session's first snapshot).</summary>
    private JsonArray WorkingOrdersOf(EngineEvent update)
    {
        lock (_lock)
            if (_decided.TryPeek(out var head) && ReferenceEquals(head.Update, update)) return _decided.Dequeue().Orders;
        return WorkingOrders(update.Time);
    }

    public string Id { get; }
    public string Strategy { get; }

    public bool IsAvailable => true;

    public IReadOnlyList<LiveSession> Sessions()
    {
        lock (_lock) return [new LiveSession(Id, Strategy, _state, _stopReason)];
    }

    /// <summary>Called by the session, on its thread, for every event in order.</summary>
    public void Publish(EngineEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var json = JsonSerializer.SerializeToNode(e, Formats.Json)!.AsObject();
        if (e is PortfolioUpdated) json["working_orders"] = WorkingOrdersOf(e);
        string type = (string)json["type"]!;                       // the wire name; the update carries it
        json.Remove("type");
        var update = new LiveUpdate(type, e.Time, JsonSerializer.SerializeToElement(json, Formats.Json));
        lock (_lock)
        {
            switch (e)
            {
                case PortfolioUpdated p:
                    _snapshot = update;
                    if (_stopReason is null) _state = p.State.ToString();   // PositionOpen, as the portfolio's states are named
                    break;
                case TradingStopped s:
                    (_state, _stopReason) = ("Stopped", s.Reason);
                    break;
            }
            foreach (var c in _subscribers) c.Writer.TryWrite(update);
        }
    }

    public async IAsyncEnumerable<LiveUpdate> SubscribeAsync(string sessionId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (sessionId != Id) throw new KeyNotFoundException($"no live session '{sessionId}'");
        var channel = Channel.CreateBounded<LiveUpdate>(new BoundedChannelOptions(Backlog) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_lock)
        {
            if (_snapshot is { } first) channel.Writer.TryWrite(first);
            if (_failure is { } failure) channel.Writer.TryWrite(failure);
            if (_ended) channel.Writer.TryComplete();
            else _subscribers.Add(channel);
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

    public async Task<bool> StopAsync(string sessionId, string reason, CancellationToken cancellationToken)
    {
        lock (_lock)
            if (sessionId != Id || _ended || _stopReason is not null) return false;
        await _session.StopAsync(reason).WaitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The session has ended: subscriptions end too, and it can no longer be stopped. A session that failed
    /// (<paramref name="failure"/>) shows as <c>Failed</c>; its subscribers, later ones too, get a <c>stopped</c> update with the error.</summary>
    public void Ended(string? failure = null)
    {
        lock (_lock)
        {
            if (_ended) return;
            _ended = true;
            if (failure is not null)
            {
                (_state, _stopReason) = ("Failed", "the live session failed: " + failure);
                _failure = new LiveUpdate("stopped", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                    JsonSerializer.SerializeToElement(new { reason = _stopReason }, Formats.Json));
                foreach (var c in _subscribers) c.Writer.TryWrite(_failure);
            }
            else if (_stopReason is null) _state = "Ended";
            foreach (var c in _subscribers) c.Writer.TryComplete();
        }
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _decisions.Dispose();
        Ended();
    }

    /// <summary>Orders submitted and not yet final, as the engine holds them now.</summary>
    private JsonArray WorkingOrders(long time)
    {
        var list = new JsonArray();
        foreach (var o in _session.Engine.Engine.Orders)
        {
            if (o.State.IsFinal() || o.State is OrderState.Created or OrderState.Validated) continue;
            list.Add(new JsonObject
            {
                ["order_id"] = o.Id,
                ["symbol"] = o.Symbol < _symbols.Count ? _symbols[o.Symbol] : o.Symbol.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["side"] = WireNames.Of(o.Side),
                ["quantity"] = o.Quantity - o.FilledQuantity,
                ["type"] = WireNames.Of(o.Type),
                ["intent"] = WireNames.Of(o.Intent),
                ["state"] = WireNames.Of(o.State),
                ["since"] = o.CreatedAt <= time ? Formats.Time(o.CreatedAt) : null,
            });
        }
        return list;
    }
}
