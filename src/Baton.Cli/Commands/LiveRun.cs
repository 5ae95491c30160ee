using Baton.Engine.Compilation;
using Baton.Engine.Data;
using Baton.Engine.Live;
using Baton.Engine.Live.Bus;
using Baton.Engine.Live.Journal;
using Baton.Engine.Live.Publishing;
using Baton.Engine.Live.Sessions;
using Baton.Engine.Strategy;
using Baton.Redis;

namespace Baton.Cli.Commands;

/// <summary>What a live session is made of, as <c>baton live</c> and <c>baton serve --live</c> take it.</summary>
internal sealed record LiveSettings(string StrategyPath, string[]? Set, string? Redis, string? Journal, string? Replay, double Speed)
{
    /// <summary>Where the journal goes without <c>--journal</c>: FOLDER/&lt;strategy&gt;/journal.db.</summary>
    public string JournalFolder { get; init; } = "out";
    /// <summary>The consumer name in the group; null: derived from the journal (<see cref="LiveParts.DefaultConsumer"/>).</summary>
    public string? Consumer { get; init; }
    public string? Group { get; init; }
    public TimeSpan? MaxPriceAge { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan? MaxFuture { get; init; } = TimeSpan.FromSeconds(60);
    public int MaxSkewBars { get; init; } = 5;
    public int MaxDeliveries { get; init; } = 5;
    public TimeSpan ClaimIdle { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan PollMax { get; init; } = TimeSpan.FromMilliseconds(4);

    /// <summary>Redis: how long the strategy's lease lives without renewal (<see cref="LeaseOptions"/>).</summary>
    public TimeSpan LeaseTtl { get; init; } = LeaseOptions.DefaultTtl;

    /// <summary>Redis: wait while another process holds the lease (else refuse at once).</summary>
    public bool StandBy { get; init; } = true;

    /// <summary>Redis: turn on keyspace notifications for streams on the server (they wake an idle session at once).</summary>
    public bool NotifyKeyspace { get; init; }
    public Action<string>? Log { get; init; }
}

/// <summary>
/// One live session composed from <see cref="LiveSettings"/>: the strategy, the bus (Redis, or in process fed by a
/// replay of candle data), the journal and the <see cref="LiveSession"/> over them. Disposing closes them in order.
/// </summary>
internal sealed class LiveRun : IAsyncDisposable
{
    private readonly LiveSettings _settings;
    private readonly IMessageBus _bus;
    private readonly IJournal _journal;
    private readonly ICandleSource? _replay;
    private RedisLease? _lease;

    private LiveRun(LiveSettings settings, StrategyDefinition definition, CompiledStrategy compiled, IMessageBus bus, IJournal journal, string journalAt,
        ICandleSource? replay)
    {
        _settings = settings;
        Consumer = settings.Consumer ?? LiveParts.DefaultConsumer(journalAt);
        _replay = replay;
        Definition = definition;
        Compiled = compiled;
        _bus = bus;
        _journal = journal;
        JournalAt = journalAt;
        var options = new LiveSessionOptions(bus, journal, LiveParts.Header(definition, settings.StrategyPath, settings.Set))
        {
            MaxPriceAge = settings.MaxPriceAge,
            MaxFuture = settings.MaxFuture,
            MaxSkewBars = settings.MaxSkewBars,
            MaxDeliveries = settings.MaxDeliveries,
            MaxPollInterval = settings.PollMax,
            Log = settings.Log,
            EventCursor = (bus as RedisMessageBus)?.EventCursor(),
            Consumer = settings.Redis is null ? "" : Consumer,
            JournalDescription = LiveParts.Describe(journalAt),
        };
        Session = new LiveSession(compiled, options);
    }

    public StrategyDefinition Definition { get; }
    public CompiledStrategy Compiled { get; }
    public LiveSession Session { get; }
    public string JournalAt { get; }

    /// <summary>The consumer name the group is read with (given, or derived from the journal).</summary>
    public string Consumer { get; }

    /// <summary>"NAME on BUS, journal WHERE" (passwords left out).</summary>
    public string Description => $"{Definition.Name} on {(_settings.Redis is null ? "the in-process bus" : LiveParts.RedactRedis(_settings.Redis) + " as " + Consumer)}, " +
        $"journal {LiveParts.Describe(JournalAt)}";

    /// <summary>Composes the session. With Redis, first takes the strategy's lease (<see cref="LiveLease"/>): standing by
    /// while another process holds it, until <paramref name="cancellationToken"/> is cancelled; the journal is opened only
    /// once it is held.</summary>
    public static async Task<LiveRun> OpenAsync(LiveSettings settings, CancellationToken cancellationToken = default)
    {
        var definition = StrategyFiles.Load(settings.StrategyPath, settings.Set);
        var compiled = StrategyCompiler.Compile(definition);
        if (LiveEngine.Unsupported(compiled) is { } why) throw new CliException(why);
        string journalAt = settings.Journal ?? Path.Combine(settings.JournalFolder, PlainName.AsFileName(definition.Name, "strategy name"), "journal.db");
        if (settings.Redis is null) LiveParts.CheckJournal(journalAt);   // with Redis, once the lease is held (the holder locks it)
        if (settings.Redis is not null && settings.Replay is not null)
            throw new CliException("--replay feeds the in-process bus; with --redis, feed prices:live with baton publish prices");
        // the replay's data is opened before anything runs, so a missing file is the only output
        var replay = settings.Redis is null ? DataSources.Create(definition, settings.Replay).Source : null;
        IMessageBus bus = settings.Redis is null ? new InProcessBus()
            : await LiveParts.RedisAsync(settings.Redis, settings.Group ?? "baton." + definition.Name,
                settings.Consumer ?? LiveParts.DefaultConsumer(journalAt), settings.ClaimIdle).ConfigureAwait(false);
        RedisLease? lease = null;
        try
        {
            if (bus is RedisMessageBus redis)
            {
                settings.Log?.Invoke("wake-up on Redis keyspace notifications: " + await redis.NotificationsAsync(settings.NotifyKeyspace).ConfigureAwait(false));
                lease = await LiveLease.TakeAsync(redis, settings, journalAt, cancellationToken).ConfigureAwait(false);
                LiveParts.CheckJournal(journalAt);
            }
            return new LiveRun(settings, definition, compiled, bus, LiveParts.Journal(journalAt), journalAt, replay) { _lease = lease };
        }
        catch
        {
            if (lease is not null) await lease.DisposeAsync().ConfigureAwait(false);
            await bus.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs the session until <paramref name="cancellationToken"/> is cancelled. On the in-process bus the replay
    /// is published first; with <paramref name="endAfterReplay"/> the session ends once every replayed entry is applied.</summary>
    /// <remarks>A lost lease ends the run too, with an <see cref="InvalidOperationException"/> saying why: the session has
    /// stopped deciding, and another process may take over.</remarks>
    public async Task RunAsync(bool endAfterReplay, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lease?.Lost ?? CancellationToken.None);
        var run = Session.RunAsync(stop.Token);
        if (_bus is InProcessBus local) await FeedAsync(local, run, stop, endAfterReplay).ConfigureAwait(false);
        try
        {
            await run.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        if (_lease?.LostReason is { } lost) throw new InvalidOperationException($"stopped deciding: {lost}; another process may take over");
    }

    /// <summary>Publishes the replay data to the in-process bus and waits until every entry is applied.</summary>
    private async Task FeedAsync(InProcessBus bus, Task run, CancellationTokenSource stop, bool endAfterReplay)
    {
        var source = _replay ?? throw new InvalidOperationException("the in-process bus has no replay source");
        // a failed session ends the replay
        _ = run.ContinueWith(_ => { try { stop.Cancel(); } catch (ObjectDisposedException) { } }, CancellationToken.None,
            TaskContinuationOptions.None, TaskScheduler.Default);
        try
        {
            await ReplayPublisher.RunAsync(bus, Definition, source, _settings.Speed, "replay", 1, TimeProvider.System, stop.Token).ConfigureAwait(false);
            while (bus.Unacknowledged > 0 && !run.IsCompleted) await Task.Delay(20, stop.Token).ConfigureAwait(false);
            _settings.Log?.Invoke($"replay done ({Session.Inputs:N0} inputs journaled)");
            if (!endAfterReplay) return;
        }
        catch (OperationCanceledException)
        {
        }
        await stop.CancelAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync().ConfigureAwait(false);
        await _journal.DisposeAsync().ConfigureAwait(false);
        if (_lease is not null) await _lease.DisposeAsync().ConfigureAwait(false);   // after the journal: a standby may open it at once
        await _bus.DisposeAsync().ConfigureAwait(false);
    }
}
