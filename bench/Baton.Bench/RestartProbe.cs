using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Baton.Core.Market;
using Baton.Engine.Compilation;
using Baton.Engine.Events;
using Baton.Engine.Live;
using Baton.Engine.Live.Bus;
using Baton.Engine.Live.Inputs;
using Baton.Engine.Live.Journal;
using Baton.Engine.Live.Messages;
using Baton.Engine.Live.Sessions;
using Baton.Engine.Live.Snapshots;
using Baton.Engine.Strategy;
using Baton.Sqlite;

namespace Baton.Bench;

/// <summary>
/// <c>--restart [INPUTS...]</c>: how long a <see cref="LiveSession"/> takes to restore from a SQLite journal of N inputs
/// (open, latest snapshot, keys, the inputs after it, the portfolio check: up to its "restored" log line), with snapshots
/// and, as the reference in the same run, with a full re-feed (the same journal with its snapshot hidden). The journal is
/// written as a session writes it (inputs, decisions, portfolio; a snapshot every 10 000 inputs) by the engine directly,
/// half candles and half signals alternating long and short, so an order is decided at every other candle. Median of 3.
/// </summary>
internal static class RestartProbe
{
    private const long SnapshotEvery = 10_000;
    private const int Runs = 3;

    private static readonly StrategyDefinition Strategy = new()
    {
        Name = "bench_restart",
        Symbols = ["A"],
        Timeframe = new Timeframe(60_000),
        Data = new DataSpec(),
        InitialCash = 1_000_000m,
        Indicators =
        [
            new IndicatorSpec("sma", "sma", new Dictionary<string, double> { ["period"] = 50 }, "close", null, default),
            new IndicatorSpec("rsi", "rsi", new Dictionary<string, double> { ["period"] = 14 }, "close", null, default),
        ],
        Components = [new ComponentSpec("ml", ComponentKind.Signal, "unused-live", default)],
        Entry = [new RuleSpec("ml.long and rsi < 101", TradeAction.Buy, default)],
        Exit = new ExitSpec { Signals = [new RuleSpec("ml.short and sma > 0", TradeAction.Close, default)] },
        Sizing = new SizingSpec { Kind = SizingKind.Quantity, Value = 1 },
    };

    private static readonly JournalHeader Header = new(Strategy.Name, "bench", "bench-restart", 0);

    public static async Task<int> RunAsync(IReadOnlyList<long> sizes)
    {
        string dir = Path.Combine(Directory.GetCurrentDirectory(), "artifacts", "bench-restart");
        Directory.CreateDirectory(dir);
        Console.WriteLine($"journals: SQLite in {dir}; {Environment.ProcessorCount} cores; snapshot every {SnapshotEvery} inputs; median of {Runs}");
        var compiled = StrategyCompiler.Compile(Strategy);
        foreach (long n in sizes)
        {
            string path = Path.Combine(dir, n.ToString(CultureInfo.InvariantCulture) + ".db");
            var (capture, bytes) = await WriteJournal(compiled, path, n).ConfigureAwait(false);
            await Restore(compiled, path, snapshots: true).ConfigureAwait(false);   // warm-up (JIT, page cache)
            var withSnapshots = new List<double>();
            var full = new List<double>();
            for (int r = 0; r < Runs; r++)
            {
                withSnapshots.Add(await Restore(compiled, path, snapshots: true).ConfigureAwait(false));
                full.Add(await Restore(compiled, path, snapshots: false).ConfigureAwait(false));
            }
            double a = Median(withSnapshots), b = Median(full), keys = await ReadKeys(path, n).ConfigureAwait(false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{n,9:N0} inputs: snapshot + tail {a,8:F3} s (of which keys {keys,6:F3} s)   full re-feed {b,8:F3} s   ratio {b / a,6:F1}x   snapshot {bytes / 1024.0,8:F0} KiB, captured in {capture * 1000,6:F1} ms"));
        }
        return 0;
    }

    /// <summary>Writes <paramref name="n"/> inputs as a session would; returns the last snapshot's capture time (s) and size.</summary>
    private static async Task<(double Seconds, int Bytes)> WriteJournal(CompiledStrategy compiled, string path, long n)
    {
        foreach (var f in new[] { path, path + "-wal", path + "-shm", path + ".lock" }) File.Delete(f);
        await using var journal = new SqliteJournal(path);
        await journal.OpenAsync(Header, CancellationToken.None).ConfigureAwait(false);
        var engine = new LiveEngine(compiled);
        var state = new SessionState(engine, new SequenceGaps(), new InputCursor());
        var batch = new List<JournalRecord>();
        double seconds = 0;
        int bytes = 0;
        var rng = new Random(1);
        double price = 100;
        for (long i = 1; i <= n; i++)
        {
            long bar = (i - 1) / 2;
            string json;
            if (i % 2 == 1)
            {
                double open = price;
                price *= 1 + ((rng.NextDouble() - 0.5) * 0.01);
                json = LiveMessageWriter.Candle("feed", bar + 1, "A", Strategy.Timeframe, new Candle(bar * 60_000L, open, Math.Max(open, price) * 1.001, Math.Min(open, price) * 0.999, price, 10));
            }
            else json = LiveMessageWriter.Signal("bench", bar + 1, "s" + bar.ToString(CultureInfo.InvariantCulture), "A", "ml", bar % 2 == 0 ? 1 : -1);
            string stream = i % 2 == 1 ? LiveStreams.Prices : LiveStreams.Signals;
            string id = i.ToString(CultureInfo.InvariantCulture) + "-0";
            var m = LiveMessageParser.Parse(stream, id, json);
            state.Gaps.Observe(stream, m.Producer, m.Sequence);
            var decisions = engine.Apply(m, stale: false);
            batch.Add(new JournalRecord(new JournalInput(i, stream, id, m.Key, json, false, 0),
                [.. decisions.Select(e => JsonSerializer.Serialize(e, Formats.Json))]));
            if (batch.Count < 5_000 && i < n) continue;
            await journal.CommitAsync(batch, JsonSerializer.Serialize<EngineEvent>(engine.Snapshot(), Formats.Json), CancellationToken.None).ConfigureAwait(false);
            batch = [];
            if (i % SnapshotEvery != 0) continue;
            long t0 = Stopwatch.GetTimestamp();
            var blob = EngineSnapshot.Capture(state, Header.StrategyText, i);
            seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            bytes = blob.Length;
            await journal.WriteSnapshotAsync(new JournalSnapshot(i, blob), CancellationToken.None).ConfigureAwait(false);
        }
        return (seconds, bytes);
    }

    /// <summary>Seconds from opening the journal to the session's "restored" log line.</summary>
    private static async Task<double> Restore(CompiledStrategy compiled, string path, bool snapshots)
    {
        var restored = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        long t0 = Stopwatch.GetTimestamp();
        await using var sqlite = new SqliteJournal(path);
        IJournal journal = snapshots ? sqlite : new WithoutSnapshots(sqlite);
        var session = new LiveSession(compiled, new LiveSessionOptions(new InProcessBus(), journal, Header)
        {
            MaxPriceAge = null,
            Log = line =>
            {
                if (line.StartsWith("restored", StringComparison.Ordinal)) restored.TrySetResult(Stopwatch.GetElapsedTime(t0).TotalSeconds);
                else if (line.Contains("refused", StringComparison.Ordinal)) restored.TrySetException(new InvalidOperationException(line));
            },
        });
        using var cts = new CancellationTokenSource();
        var run = session.RunAsync(cts.Token);
        double seconds = await restored.Task.WaitAsync(TimeSpan.FromMinutes(5)).ConfigureAwait(false);
        await cts.CancelAsync().ConfigureAwait(false);
        await run.ConfigureAwait(false);
        await session.DisposeAsync().ConfigureAwait(false);
        return seconds;
    }

    /// <summary>Seconds to read the keys of <paramref name="n"/> inputs (the part of a restore that grows with the journal).</summary>
    private static async Task<double> ReadKeys(string path, long n)
    {
        await using var journal = new SqliteJournal(path);
        await journal.OpenAsync(null, CancellationToken.None).ConfigureAwait(false);
        long t0 = Stopwatch.GetTimestamp();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var key in journal.ReadKeysAsync(n, CancellationToken.None).ConfigureAwait(false)) keys.Add(key);
        return Stopwatch.GetElapsedTime(t0).TotalSeconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>The journal with its snapshot members left to <see cref="IJournal"/>'s defaults: a full re-feed.</summary>
    private sealed class WithoutSnapshots(IJournal inner) : IJournal
    {
        public Task<JournalHeader> OpenAsync(JournalHeader? header, CancellationToken cancellationToken) => inner.OpenAsync(header, cancellationToken);
        public IAsyncEnumerable<JournalInput> ReadInputsAsync(CancellationToken cancellationToken) => inner.ReadInputsAsync(cancellationToken);
        public IAsyncEnumerable<JournalDecision> ReadDecisionsAsync(CancellationToken cancellationToken) => inner.ReadDecisionsAsync(cancellationToken);
        public IAsyncEnumerable<JournalDecision> ReadDecisionsAfterAsync(long input, int index, CancellationToken cancellationToken) =>
            inner.ReadDecisionsAfterAsync(input, index, cancellationToken);
        public Task<string?> ReadPortfolioAsync(CancellationToken cancellationToken) => inner.ReadPortfolioAsync(cancellationToken);
        public Task CommitAsync(IReadOnlyList<JournalRecord> batch, string portfolio, CancellationToken cancellationToken) =>
            inner.CommitAsync(batch, portfolio, cancellationToken);
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
