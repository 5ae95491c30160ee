using System.CommandLine;
using System.Globalization;
using Baton.Engine.Compilation;
using Baton.Engine.Live;
using Baton.Engine.Live.Bus;
using Baton.Engine.Live.Messages;
using Baton.Redis;

namespace Baton.Cli.Commands;

/// <summary><c>baton live STRATEGY.yaml [--redis URL] [--journal PATH | postgresql://...] [--consumer NAME]</c>: trades a strategy
/// live (paper) until Ctrl-C or SIGTERM; without <c>--redis</c> an in-process bus fed by <c>--replay FILE --speed N</c>.
/// <c>baton live stop STRATEGY --redis URL</c> stops one strategy (<c>--all</c>: every one on that Redis).</summary>
internal static class LiveCommand
{
    public static Command Create()
    {
        var strategy = new Argument<string>("strategy") { Description = "Strategy YAML file" };
        var redis = new Option<string?>("--redis") { Description = "Redis URL (redis://[:password@]host:port[/db]); without it an in-process bus fed by --replay" };
        var journal = new Option<string?>("--journal") { Description = "Journal: a SQLite file (default out/<strategy>/journal.db) or a postgresql:// URI" };
        var consumer = new Option<string?>("--consumer")
        {
            Description = "Consumer name in the group (default: baton-<hash of the journal's location>, the same on any host; entries pending for other names are claimed at takeover)",
        };
        var leaseTtl = new Option<string>("--lease-ttl")
        {
            Description = "Redis: the strategy's lease (one writer per strategy) lives this long unrenewed; renewed every ttl/5, a standby takes over within ttl + ttl/10 of a dead holder's last renewal",
            DefaultValueFactory = _ => "5s",
        }.Must(LiveParts.LeaseTtl);
        var group = new Option<string?>("--group") { Description = "Consumer group (default baton.<strategy name>)" };
        var replay = new Option<string?>("--replay") { Description = "In-process bus: candle data to publish (default: the strategy's data)" };
        var speed = new Option<double>("--speed") { Description = "In-process bus: candles per second to replay (0: as fast as possible)", DefaultValueFactory = _ => 20 }
            .Between(0, LiveParts.MaxSpeed, "candles per second; 0: as fast as possible");
        var maxAge = new Option<string>("--max-price-age") { Description = "No order on a price that waited longer than this in prices:live (or off)", DefaultValueFactory = _ => "60s" }.Must(LiveParts.DurationOrOff);
        var maxFuture = new Option<string>("--max-future") { Description = "Dead-letter a candle closing later than the clock plus this (or off)", DefaultValueFactory = _ => "60s" }.Must(LiveParts.DurationOrOff);
        var maxSkew = new Option<int>("--max-skew")
        {
            Description = "Several symbols: a candle ahead of the slower symbols waits for them up to this many bars (0: never waits); fixed per journal",
            DefaultValueFactory = _ => 5,
        }.Between(0, 10_000);
        var maxDeliveries = new Option<int>("--max-deliveries") { Description = "Dead-letter an entry delivered more times than this", DefaultValueFactory = _ => 5 }.Between(1, 1_000_000);
        var claimIdle = new Option<string>("--claim-idle") { Description = "Claim other consumers' entries idle this long", DefaultValueFactory = _ => "30s" }.Must(LiveParts.DurationOnly);
        var pollMax = new Option<string>("--poll-max") { Description = "Longest idle wait between polls of the bus (latency vs idle load)", DefaultValueFactory = _ => "4ms" }.Must(LiveParts.DurationOnly);
        var notify = new Option<bool>("--notify-keyspace")
        {
            Description = "Redis: turn on keyspace notifications for streams (CONFIG SET notify-keyspace-events +Kt, server-wide) so an idle session wakes as an entry arrives; polling stays",
        };
        var set = CliOptions.Set();
        var json = new Option<bool>("--json") { Description = "Print every event as a JSON line" };
        var command = new Command("live", "Trade a strategy live (paper) on prices and signals from Redis Streams or an in-process replay")
        {
            strategy, redis, journal, consumer, group, leaseTtl, replay, speed, maxAge, maxFuture, maxSkew, maxDeliveries, claimIdle, pollMax, notify, set, json, StopCommand(),
        };
        command.SetAction((result, token) => CommandRunner.RunAsync(async () =>
        {
            var settings = new LiveSettings(result.GetValue(strategy)!, result.GetValue(set), result.GetValue(redis), result.GetValue(journal),
                result.GetValue(replay), result.GetValue(speed))
            {
                Consumer = result.GetValue(consumer),
                LeaseTtl = LiveParts.Duration(result.GetValue(leaseTtl)!, "--lease-ttl") ?? LeaseOptions.DefaultTtl,
                Group = result.GetValue(group),
                MaxPriceAge = LiveParts.Duration(result.GetValue(maxAge)!, "--max-price-age"),
                MaxFuture = LiveParts.Duration(result.GetValue(maxFuture)!, "--max-future"),
                MaxSkewBars = result.GetValue(maxSkew),
                MaxDeliveries = result.GetValue(maxDeliveries),
                ClaimIdle = LiveParts.Duration(result.GetValue(claimIdle)!, "--claim-idle") ?? TimeSpan.FromSeconds(30),
                PollMax = LiveParts.Duration(result.GetValue(pollMax)!, "--poll-max") ?? TimeSpan.FromMilliseconds(4),
                NotifyKeyspace = result.GetValue(notify),
                Log = m => Console.Error.WriteLine("baton live: " + m),
            };
            LiveRun opened;
            try
            {
                opened = await LiveRun.OpenAsync(settings, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync("baton live: stopped while standing by; nothing was read or journaled").ConfigureAwait(false);
                return 0;
            }
            await using var live = opened;
            var session = live.Session;
            using var printing = session.Subscribe(new LivePrinter(result.GetValue(json), TimeProvider.System));
            await Console.Error.WriteLineAsync($"baton live: {live.Description}; Ctrl-C stops").ConfigureAwait(false);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
            var components = await StartComponentsAsync(live.Compiled, settings.Redis, live.Consumer, stop.Token).ConfigureAwait(false);
            try
            {
                await live.RunAsync(endAfterReplay: true, stop.Token).ConfigureAwait(false);
            }
            finally
            {
                await StopComponentsAsync(components, stop).ConfigureAwait(false);   // also when the lease is lost: only its holder runs them
            }
            var p = session.Engine.Portfolio;
            await Console.Error.WriteLineAsync($"baton live: stopped cleanly; {session.Inputs:N0} inputs journaled in total, " +
                $"{session.Duplicates:N0} duplicates ignored, {session.DeadLettered:N0} dead-lettered, {session.MissingBySequence:N0} missing by sequence; " +
                $"portfolio {p.State}, equity {p.Equity.ToString("F2", CultureInfo.InvariantCulture)}").ConfigureAwait(false);
            return 0;
        }));
        return command;
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
        if (bus is Baton.Redis.RedisMessageBus redis) await redis.ClaimPendingAsync().ConfigureAwait(false);   // under the lease, like the session's group
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
        var target = new Argument<string?>("strategy") { Description = "The strategy to stop: its name or its YAML file", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Stop every strategy reading this Redis" };
        var redis = new Option<string>("--redis") { Description = "Redis URL of the live session", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why (shown in the stopped event)", DefaultValueFactory = _ => "stopped by baton live stop" };
        var command = new Command("stop", "Stop trading in one live strategy reading this Redis (or in every one with --all): portfolio Stopped, with the reason")
        {
            target, all, redis, reason,
        };
        command.SetAction((result, token) => CommandRunner.RunAsync(async () =>
        {
            string aimed = StopTarget(result.GetValue(target), result.GetValue(all));
            await using var bus = await LiveParts.RedisNowAsync(result.GetValue(redis)!, "baton.cli", "cli").ConfigureAwait(false);
            long seq = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            string json = LiveMessageWriter.Stop("cli-" + Environment.MachineName, seq, Guid.NewGuid().ToString("N"), result.GetValue(reason)!, aimed);
            string id = await bus.PublishAsync(LiveStreams.Control, json, token).ConfigureAwait(false);
            Console.Out.WriteLine($"{LiveStreams.Control} {id}: stop sent to {(aimed == LiveMessage.AllStrategies ? "every strategy" : aimed)}");
            return 0;
        }));
        return command;
    }

    /// <summary>The strategy a stop names: <c>*</c> for <c>--all</c>, the name in a YAML file, or the name as given.</summary>
    private static string StopTarget(string? strategy, bool all)
    {
        if (all == strategy is not null)
            throw new CliException(all ? "live stop: give a strategy or --all, not both"
                : "live stop: name the strategy to stop (its name or its YAML file), or --all to stop every strategy on this Redis");
        if (all) return LiveMessage.AllStrategies;
        bool yaml = strategy!.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || strategy.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
        if (yaml || File.Exists(strategy)) return StrategyFiles.Load(strategy, null).Name;
        if (strategy == LiveMessage.AllStrategies) throw new CliException("live stop: '*' is not a strategy name; use --all to stop every strategy");
        return strategy;
    }
}
