using System.CommandLine;
using Baton.Engine.Live;
using Baton.Engine.Live.Bus;
using Baton.Engine.Live.Messages;
using Baton.Engine.Strategy;
using Baton.Yaml;

namespace Baton.Cli.Commands;

/// <summary><c>baton publish prices SOURCE --rate N</c> and <c>baton publish signal ...</c>: feed the live streams on Redis
/// for demos and tests (messages in schema v1, see docs/live.md).</summary>
internal static class PublishCommand
{
    public static Command Create() => new("publish", "Publish prices or a signal to the live streams on Redis")
    {
        Prices(), Signal(),
    };

    private static Option<string> Redis() => new("--redis") { Description = "Redis URL", DefaultValueFactory = _ => "redis://127.0.0.1:6379" };

    private static Option<string> Producer(string fallback) => new("--producer") { Description = "Producer id (messages are numbered per producer)", DefaultValueFactory = _ => fallback };

    private static Command Prices()
    {
        var source = new Argument<string>("source") { Description = "A strategy YAML (its data), or a CSV/Parquet path or postgresql:// URI" };
        var strategy = new Option<string?>("--strategy") { Description = "Strategy whose symbols and timeframe to publish (when SOURCE is data)" };
        var rate = new Option<double>("--rate") { Description = "Candles per second (0: as fast as possible)", DefaultValueFactory = _ => 10 }
            .Between(0, LiveParts.MaxSpeed, "candles per second; 0: as fast as possible");
        var firstSeq = new Option<long>("--first-seq") { Description = "Sequence number of the first message", DefaultValueFactory = _ => 1 }.Between(1, long.MaxValue);
        var redis = Redis();
        var producer = Producer("prices");
        var command = new Command("prices", "Publish candles to prices:live at a steady rate") { source, strategy, rate, firstSeq, redis, producer };
        command.SetAction((result, token) => CommandRunner.RunAsync(async () =>
        {
            string from = result.GetValue(source)!;
            bool isStrategy = from.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || from.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
            string? strategyPath = isStrategy ? from : result.GetValue(strategy);
            if (strategyPath is null) throw new CliException("publish prices: give a strategy YAML as SOURCE, or --strategy for its symbols and timeframe");
            var definition = StrategyLoader.Load(strategyPath);
            var (candles, _) = DataSources.Create(definition, isStrategy ? null : from);
            await using var bus = await LiveParts.RedisNowAsync(result.GetValue(redis)!, "baton.publish", "publish").ConfigureAwait(false);
            long n = await ReplayPublisher.RunAsync(bus, definition, candles, result.GetValue(rate), result.GetValue(producer)!,
                result.GetValue(firstSeq), TimeProvider.System, token).ConfigureAwait(false);
            Console.Out.WriteLine($"published {n:N0} candles of {string.Join(", ", definition.Symbols)} to {LiveStreams.Prices}");
            return 0;
        }));
        return command;
    }

    private static Command Signal()
    {
        var symbol = new Option<string>("--symbol") { Description = "Symbol", Required = true };
        var signal = new Option<string>("--signal") { Description = "Id of the strategy's external signal", Required = true };
        var direction = new Option<string>("--direction") { Description = "long, short or flat (or 1, -1, 0)", DefaultValueFactory = _ => "long" };
        var strength = new Option<double>("--strength") { Description = "Strength (id.strength)", DefaultValueFactory = _ => 1 }.Between(-1e6, 1e6);
        var name = new Option<string?>("--name") { Description = "One of the signal's declared names" };
        var id = new Option<string?>("--id") { Description = "Signal id, unique per producer (default: a new one); re-send an id and it has no second effect" };
        var seq = new Option<long?>("--seq") { Description = "Sequence number (default: Unix ms now)" }.Between(1L, long.MaxValue);
        var redis = Redis();
        var producer = Producer("cli");
        var command = new Command("signal", "Publish one signal event to signals:live") { symbol, signal, direction, strength, name, id, seq, redis, producer };
        command.SetAction((result, token) => CommandRunner.RunAsync(async () =>
        {
            int dir = result.GetValue(direction) switch
            {
                "long" or "1" or "+1" => 1,
                "short" or "-1" => -1,
                "flat" or "0" => 0,
                var other => throw new CliException($"--direction {other}: expected long, short or flat"),
            };
            string json = LiveMessageWriter.Signal(result.GetValue(producer)!, result.GetValue(seq) ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                result.GetValue(id) ?? Guid.NewGuid().ToString("N"), result.GetValue(symbol)!, result.GetValue(signal)!, dir,
                result.GetValue(strength), result.GetValue(name));
            await using var bus = await LiveParts.RedisNowAsync(result.GetValue(redis)!, "baton.publish", "publish").ConfigureAwait(false);
            string entry = await bus.PublishAsync(LiveStreams.Signals, json, token).ConfigureAwait(false);
            Console.Out.WriteLine($"{LiveStreams.Signals} {entry}: {json}");
            return 0;
        }));
        return command;
    }
}
