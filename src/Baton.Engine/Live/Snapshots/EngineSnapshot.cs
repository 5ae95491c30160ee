using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Baton.Engine.Compilation;
using Baton.Core.Orders;
using Baton.Engine.Events;
using Baton.Engine.Live.Inputs;

namespace Baton.Engine.Live.Snapshots;

/// <summary>What a snapshot holds: the engine, the session's gap tracker, where the order of inputs stands and the last <c>stopped</c> event decided (said
/// again when a stopped session starts). The dedupe keys are not in it: they are read from the journal's inputs.</summary>
internal sealed class SessionState(LiveEngine engine, SequenceGaps gaps, InputCursor order)
{
    public LiveEngine Engine { get; } = engine;
    public SequenceGaps Gaps { get; } = gaps;
    public InputCursor Order { get; } = order;
    public TradingStopped? Stopped { get; set; }
}

/// <summary>A snapshot refused before anything was written into an engine (another build or strategy) or while writing
/// it (it did not fit): the session re-feeds the whole journal instead, never trusting it.</summary>
internal sealed class SnapshotRefusedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The state of a live session after N inputs as bytes, and back: every field of every object the engine holds
/// (portfolio, positions, working orders, rule and risk state, performance tracker, every indicator's buffers, external
/// signal series, trade-built bars), walked generically by <see cref="GraphWriter"/> and written back into a freshly built
/// engine of the same compiled strategy by <see cref="GraphReader"/>. The compiled strategy itself is not copied (the
/// fresh engine has it). A snapshot names the build and the strategy it was made by; any other is refused.
/// </summary>
internal static class EngineSnapshot
{
    private const string Magic = "baton-snapshot";
    private const int Format = 1;
    private static readonly ConditionalWeakTable<CompiledStrategy, HashSet<object>> FrozenSets = [];

    /// <summary>This build's identity: a snapshot from another build of the engine is refused (its classes may differ).</summary>
    public static string Build { get; } = string.Join("/", typeof(Core.Portfolio.Portfolio).Assembly.ManifestModule.ModuleVersionId,
        typeof(LiveEngine).Assembly.ManifestModule.ModuleVersionId, Environment.Version);

    static EngineSnapshot()
    {
        // Histories kept for reports and the dashboard, never read by a decision: a snapshot keeps the working orders and no
        // closed trade; the journal's decisions hold the full history.
        const System.Reflection.BindingFlags Field = System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic;
        TypeShape.Trimmed(typeof(Trading.OrderFlow).GetField("_orders", Field) ?? throw new MissingFieldException("OrderFlow._orders"),
            v => ((List<Core.Orders.Order>)v).Where(o => !o.State.IsFinal()).ToList());
        TypeShape.Trimmed(typeof(Core.Portfolio.Portfolio).GetField("_trades", Field) ?? throw new MissingFieldException("Portfolio._trades"),
            v => new List<Core.Portfolio.Trade>());
    }

    public static byte[] Capture(SessionState state, string strategyText, long sequence)
    {
        state.Engine.DropApplied();   // applied signal rows are history too
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(Format);
            w.Write(Build);
            w.Write(Hash(strategyText));
            w.Write(sequence);
            new GraphWriter(w, Frozen(state.Engine.Strategy)).WriteRoot(state);
        }
        return stream.ToArray();
    }

    /// <summary>Writes <paramref name="blob"/> into <paramref name="state"/> (freshly built); returns the number of inputs it
    /// covers. Throws <see cref="SnapshotRefusedException"/> with the reason when it cannot be trusted; <paramref name="state"/>
    /// must then be thrown away.</summary>
    public static long Restore(byte[] blob, SessionState state, string strategyText)
    {
        ArgumentNullException.ThrowIfNull(blob);
        try
        {
            using var r = new BinaryReader(new MemoryStream(blob, writable: false), Encoding.UTF8);
            if (r.ReadString() != Magic) throw new SnapshotRefusedException("not a Baton snapshot");
            if (r.ReadInt32() is var format && format != Format) throw new SnapshotRefusedException($"snapshot format {format}, this build writes {Format}");
            if (r.ReadString() is var build && build != Build) throw new SnapshotRefusedException($"made by another build of Baton ({build}; this one is {Build})");
            if (r.ReadString() != Hash(strategyText)) throw new SnapshotRefusedException("made for another strategy text");
            long sequence = r.ReadInt64();
            new GraphReader(r).ReadRoot(state);
            if (r.BaseStream.Position != blob.Length) throw new SnapshotRefusedException($"{blob.Length - r.BaseStream.Position} bytes left over after the state");
            return sequence;
        }
        catch (Exception e) when (e is SnapshotMismatchException or EndOfStreamException or ArgumentException or InvalidCastException
            or NotSupportedException or InvalidOperationException or MemberAccessException or System.Reflection.TargetException or FormatException or OverflowException
            or IOException or TypeLoadException or BadImageFormatException)
        {
            throw new SnapshotRefusedException("it does not fit this engine: " + e.Message, e);
        }
    }

    /// <summary>Every object of the compiled strategy (shared by every engine built from it, never changed by trading).</summary>
    private static HashSet<object> Frozen(CompiledStrategy strategy) => FrozenSets.GetValue(strategy, static s =>
    {
        var walk = new GraphWriter(new BinaryWriter(Stream.Null), new HashSet<object>());
        walk.WriteRoot(s);
        return new HashSet<object>(walk.Objects, ReferenceEqualityComparer.Instance);
    });

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
