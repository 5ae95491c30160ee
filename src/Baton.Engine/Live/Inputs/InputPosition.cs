using System.Globalization;
using Baton.Engine.Live.Messages;

namespace Baton.Engine.Live.Inputs;

/// <summary>
/// An input's place in the one total order of a session's inputs (docs/live.md, "Order"): its entry id <c>MS-SEQ</c> compared
/// numerically, ms then seq, and for the same id in two streams the stream's rank in <see cref="LiveStreams.Inputs"/>
/// (<c>control:live</c> &lt; <c>signals:live</c> &lt; <c>prices:live</c>).
/// </summary>
public readonly record struct InputPosition(long Ms, long Seq, int Rank) : IComparable<InputPosition>
{
    /// <summary>Before every entry.</summary>
    public static readonly InputPosition Start = new(long.MinValue, long.MinValue, int.MinValue);

    /// <summary>The last position of id <paramref name="ms"/>-<paramref name="seq"/>: at or after that id in every stream (a horizon).</summary>
    public static InputPosition Through(long ms, long seq) => new(ms, seq, int.MaxValue);

    /// <summary>The position of entry <paramref name="id"/> of <paramref name="stream"/>, or null when the id is not <c>MS-SEQ</c>
    /// (a local stop's <c>local-N</c>, which has no position) or the stream is not an input stream.</summary>
    public static InputPosition? Of(string stream, string id)
    {
        int rank = RankOf(stream);
        return rank >= 0 && TryParseId(id, out long ms, out long seq) ? new InputPosition(ms, seq, rank) : null;
    }

    /// <summary>Parses <c>MS-SEQ</c> (or <c>MS</c>, seq 0) as Redis writes it.</summary>
    public static bool TryParseId(string id, out long ms, out long seq)
    {
        ArgumentNullException.ThrowIfNull(id);
        seq = 0;
        int dash = id.IndexOf('-', StringComparison.Ordinal);
        var style = NumberStyles.None;
        var culture = CultureInfo.InvariantCulture;
        if (dash < 0) return long.TryParse(id, style, culture, out ms);
        return long.TryParse(id.AsSpan(0, dash), style, culture, out ms) && long.TryParse(id.AsSpan(dash + 1), style, culture, out seq);
    }

    /// <summary>The rank of an input stream (its index in <see cref="LiveStreams.Inputs"/>), or -1.</summary>
    public static int RankOf(string stream)
    {
        for (int i = 0; i < LiveStreams.Inputs.Count; i++) if (LiveStreams.Inputs[i] == stream) return i;
        return -1;
    }

    public int CompareTo(InputPosition other)
    {
        int c = Ms.CompareTo(other.Ms);
        if (c == 0) c = Seq.CompareTo(other.Seq);
        return c != 0 ? c : Rank.CompareTo(other.Rank);
    }

    public static bool operator <(InputPosition a, InputPosition b) => a.CompareTo(b) < 0;
    public static bool operator >(InputPosition a, InputPosition b) => a.CompareTo(b) > 0;
    public static bool operator <=(InputPosition a, InputPosition b) => a.CompareTo(b) <= 0;
    public static bool operator >=(InputPosition a, InputPosition b) => a.CompareTo(b) >= 0;

    public static InputPosition Max(InputPosition a, InputPosition b) => a >= b ? a : b;

    public static InputPosition Min(InputPosition a, InputPosition b) => a <= b ? a : b;

    public override string ToString() => Ms.ToString(CultureInfo.InvariantCulture) + "-" + Seq.ToString(CultureInfo.InvariantCulture);
}
