using System.CommandLine;
using System.Globalization;
using Baton.Engine.Compilation;
using Baton.Engine.Live;

namespace Baton.Cli.Commands;

/// <summary><c>baton live STRATEGY.yaml [--redis URL] [--journal PATH | postgresql://...] [--consumer NAME]</c>: trades a strategy
/// live (paper) until Ctrl-C or SIGTERM; without <c>--redis</c> an in-process bus fed by <c>--replay FILE --speed N</c>.
/// <c>baton live stop --redis URL</c> stops trading.</summary>
internal static class LiveCommand
{
    public static Command Create()
    {
        var strategy = new Argument<string>("strategy") { Description = "Strategy YAML file" };
        var redis = new Option<string?>("--redis") { Description = "Redis URL (redis://[:password@]host:port[/db]); without it an in-process bus fed by --replay" };
        var journal = new Option<string?>("--journal") { Description = "Journal: a SQLite file (default out/<strategy>/journal.db) or a postgresql:// URI" };
        var consumer = new Option<string>("--consumer") { Description = "Consumer name in the group (keep it stable across restarts)", DefaultValueFactory = _ => Environment.MachineName };
        var group = new Option<string?>("--group") { Description = "Consumer group (default baton.<strategy name>)" };
        var replay = new Option<string?>("--replay") { Description = "In-process bus: candle data to publish (default: the strategy's data)" };
        var speed = new Option<double>("--speed") { Description = "In-process bus: candles per second to replay (0: as fast as possible)", DefaultValueFactory = _ => 20 };
        var maxAge = new Option<string>("--max-price-age") { Description = "No order on a price that waited longer than this in prices:live (or off)", DefaultValueFactory = _ => "60s" };
        var maxDeliveries = new Option<int>("--max-deliveries") { Description = "Dead-letter an entry delivered more times than this", DefaultValueFactory = _ => 5 };
        var claimIdle = new Option<string>("--claim-idle") { Description = "Claim other consumers' entries idle this long", DefaultValueFactory = _ => "30s" };
        var pollMax = new Option<string>("--poll-max") { Description = "Longest idle wait between polls of the bus (latency vs idle load)", DefaultValueFactory = _ => "4ms" };
        var set = CliOptions.Set();
        var json = new Option<bool>("--json") { Description = "Print every event as a JSON line" };
        var command = new Command("live", "Trade a strategy live (paper) on prices and signals from Redis Streams or an in-process replay")
        {
            strategy, redis, journal, consumer, group, replay, speed, maxAge, maxDeliveries, claimIdle, pollMax, set, json, StopCommand(),
        };
        command.SetAction((result, token) => CommandRunner.RunAsync(async () =>
        {
            string path = result.GetValue(strategy)!;
            var definition = StrategyFiles.Load(path, result.GetValue(set));
            var compiled = StrategyCompiler.Compile(definition);
            string journalAt = result.GetValue(journal) ?? Path.Combine("out", definition.Name, "journal.db");
            string? redisUrl = result.GetValue(redis);
            if (redisUrl is not null && result.GetValue(replay) is not null)
                throw new CliException("--replay feeds the in-process bus; with --redis, feed prices:live with baton publish prices");
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
            await using var bus = redisUrl is null ? new InProcessBus()
                : await LiveParts.RedisAsync(redisUrl, result.GetValue(group) ?? "baton." + definition.Name, result.GetValue(consumer)!,
                    LiveParts.Duration(result.GetValue(claimIdle)!, "--claim-idle") ?? TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            await using var store = LiveParts.Journal(journalAt);
            var options = new LiveSessionOptions(bus, store, LiveParts.Header(definition, path, result.GetValue(set)))
            {
                MaxPriceAge = LiveParts.Duration(result.GetValue(maxAge)!, "--max-price-age"),
                MaxDeliveries = result.GetValue(maxDeliveries),
                MaxPollInterval = LiveParts.Duration(result.GetValue(pollMax)!, "--poll-max") ?? TimeSpan.FromMilliseconds(4),
                Log = m => Console.Error.WriteLine("baton live: " + m),
            };
            await using var session = new LiveSession(compiled, options);
            using var printing = session.Subscribe(new LivePrinter(result.GetValue(json), TimeProvider.System));
            await Console.Error.WriteLineAsync($"baton live: {definition.Name} on {(redisUrl is null ? "the in-process bus" : LiveParts.RedactRedis(redisUrl))}, " +
                $"journal {LiveParts.Describe(journalAt)}; Ctrl-C stops").ConfigureAwait(false);
            var run = session.RunAsync(stop.Token);
            var components = await StartComponentsAsync(compiled, redisUrl, result.GetValue(consumer)!, stop.Token).ConfigureAwait(false);
            if (bus is InProcessBus local)
                await FeedAsync(local, session, definition, result.GetValue(replay), result.GetValue(speed), run, stop).ConfigureAwait(false);
            try
            {
                await run.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            await StopComponentsAsync(components, stop).ConfigureAwait(false);
            var p = session.Engine.Portfolio;
            await Console.Error.WriteLineAsync($"baton live: stopped cleanly; {session.Inputs:N0} inputs journaled in total, " +
                $"{session.Duplicates:N0} duplicates ignored, {session.DeadLettered:N0} dead-lettered, {session.MissingBySequence:N0} missing by sequence; " +
                $"portfolio {p.State}, equity {p.Equity.ToString("F2", CultureInfo.InvariantCulture)}").ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    /// <summary>Publishes the replay data to the in-process bus, then ends the session once every entry is applied.</summary>
    private static async Task FeedAsync(InProcessBus bus, LiveSession session, Engine.Strategy.StrategyDefinition definition, string? replay,
        double speed, Task run, CancellationTokenSource stop)
    {
        var (source, _) = DataSources.Create(definition, replay);
        _ = run.ContinueWith(_ => stop.Cancel(), TaskScheduler.Default);   // a session that fails ends the replay too
        try
        {
            await ReplayPublisher.RunAsync(bus, definition, source, speed, "replay", 1, TimeProvider.System, stop.Token).ConfigureAwait(false);
            while (bus.Unacknowledged > 0 && !run.IsCompleted) await Task.Delay(20, stop.Token).ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"baton live: replay done ({session.Inputs:N0} inputs journaled)").ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        await stop.CancelAsync().ConfigureAwait(false);
    }

    /// <summary>Starts the strategy's external signals (Redis only: they read prices:live in a group of their own and
    /// publish to signals:live); null when there are none.</summary>
    private static async Task<(Task Run, IMessageBus Bus)?> StartComponentsAsync(CompiledStrategy compiled, string? redisUrl, string consumer,
        CancellationToken token)
    {
        if (!LiveComponentPublisher.Needed(compiled)) return null;
        if (redisUrl is null)
        {
            await Console.Error.WriteLineAsync("baton live: warning: external signals run only with --redis; on the in-process bus their slots stay empty")
                .ConfigureAwait(false);
            return null;
        }
        var bus = await LiveParts.RedisAsync(redisUrl, $"baton.{compiled.Definition.Name}.components", consumer, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        var run = Task.Run(() => LiveComponentPublisher.RunAsync(compiled, bus, token), token);
        _ = run.ContinueWith(t => Console.Error.WriteLine("baton live: external signals stopped: " + t.Exception!.GetBaseException().Message),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return (run, bus);
    }

    private static async Task StopComponentsAsync((Task Run, IMessageBus Bus)? components, CancellationTokenSource stop)
    {
        if (components is not { } c) return;
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await c.Run.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (e is Engine.Components.ComponentFailedException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync("baton live: external signals stopped: " + e.Message).ConfigureAwait(false);
        }
        await c.Bus.DisposeAsync().ConfigureAwait(false);
    }

    private static Command StopCommand()
    {
        var redis = new Option<string>("--redis") { Description = "Redis URL of the live session", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why (shown in the stopped event)", DefaultValueFactory = _ => "stopped by baton live stop" };
        var command = new Command("stop", "Stop trading in every live session reading this Redis: portfolio Stopped, with the reason") { redis, reason };
        command.SetAction((result, token) => CommandRunner.RunAsync(async () =>
        {
            await using var bus = await LiveParts.RedisAsync(result.GetValue(redis)!, "baton.cli", "cli", TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            long seq = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            string json = LiveMessageWriter.Stop("cli-" + Environment.MachineName, seq, Guid.NewGuid().ToString("N"), result.GetValue(reason)!);
            string id = await bus.PublishAsync(LiveStreams.Control, json, token).ConfigureAwait(false);
            Console.Out.WriteLine($"{LiveStreams.Control} {id}: stop sent");
            return 0;
        }));
        return command;
    }
}
