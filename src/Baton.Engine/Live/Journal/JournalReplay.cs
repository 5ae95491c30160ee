using System.Text.Json;
using Baton.Engine.Compilation;
using Baton.Engine.Events;
using Baton.Engine.Live.Messages;

namespace Baton.Engine.Live.Journal;

/// <summary>One decision that differs between the session and its replay (null: missing on that side).</summary>
public sealed record DecisionDifference(long Input, int Index, string? Journaled, string? Replayed);

/// <summary>The outcome of <see cref="JournalReplay"/>: inputs re-fed, decisions compared, every difference (the first
/// hundred kept), and the final portfolio of each side.</summary>
public sealed record ReplayResult(long Inputs, long Decisions, long DifferenceCount, IReadOnlyList<DecisionDifference> Differences,
    string? JournaledPortfolio, string ReplayedPortfolio)
{
    public bool Identical => DifferenceCount == 0 && (JournaledPortfolio is null ? Inputs == 0 : JournaledPortfolio == ReplayedPortfolio);
}

/// <summary>
/// Record and replay: re-feeds a session's journaled inputs (rejected ones skipped), in order and with their stale flags, through a fresh engine
/// (the backtest's <see cref="Trading.TradingEngine"/>, no bus, no clock) and compares its decisions with the journaled
/// ones, one by one. A paper session replays identically; any difference is a bug (or a journal from another build).
/// <c>log</c> decisions (warnings about a gap, a stale price, a rule) are not compared: they are journaled so that the
/// journal holds every event, and depend on the clock or the producers, not only on the inputs. Decisions are compared by
/// their ordinal among the input's other decisions (<see cref="DecisionDifference.Index"/>).
/// </summary>
public static class JournalReplay
{
    private const int KeptDifferences = 100;
    private const string LogPrefix = "{\"type\":\"log\"";

    /// <param name="maxSkewBars">The journal's skew bound (<see cref="JournalHeader.MaxSkewBars"/>).</param>
    public static async Task<ReplayResult> RunAsync(IJournal journal, CompiledStrategy strategy, int maxSkewBars, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var engine = new LiveEngine(strategy, maxSkewBars);
        var differences = new List<DecisionDifference>();
        long count = 0, inputs = 0, decisionCount = 0;
        await using var journaled = Compared(journal.ReadDecisionsAsync(cancellationToken)).GetAsyncEnumerator(cancellationToken);
        bool more = await journaled.MoveNextAsync().ConfigureAwait(false);
        await foreach (var input in journal.ReadInputsAsync(cancellationToken).ConfigureAwait(false))
        {
            inputs++;
            if (input.Rejected is not null) continue;   // refused when it arrived: no engine effect, nothing decided
            var m = LiveMessageParser.Parse(input.Stream, input.EntryId, input.Payload);
            var decisions = engine.Apply(m, input.Stale).Where(e => e is not MessageLogged).ToList();
            for (int i = 0; i < decisions.Count; i++)
            {
                decisionCount++;
                string replayed = JsonSerializer.Serialize(decisions[i], Formats.Json);
                while (more && journaled.Current.Input < input.Sequence)
                {
                    Differ(journaled.Current.Input, journaled.Current.Index, journaled.Current.Event, null);
                    more = await journaled.MoveNextAsync().ConfigureAwait(false);
                }
                if (more && journaled.Current.Input == input.Sequence && journaled.Current.Index == i)
                {
                    if (journaled.Current.Event != replayed) Differ(input.Sequence, i, journaled.Current.Event, replayed);
                    more = await journaled.MoveNextAsync().ConfigureAwait(false);
                }
                else Differ(input.Sequence, i, null, replayed);
            }
            while (more && journaled.Current.Input == input.Sequence)
            {
                Differ(input.Sequence, journaled.Current.Index, journaled.Current.Event, null);
                more = await journaled.MoveNextAsync().ConfigureAwait(false);
            }
        }
        for (; more; more = await journaled.MoveNextAsync().ConfigureAwait(false))
            Differ(journaled.Current.Input, journaled.Current.Index, journaled.Current.Event, null);
        string? saved = await journal.ReadPortfolioAsync(cancellationToken).ConfigureAwait(false);
        string replayedPortfolio = JsonSerializer.Serialize<EngineEvent>(engine.Snapshot(), Formats.Json);
        return new ReplayResult(inputs, decisionCount, count, differences, saved, replayedPortfolio);

        static async IAsyncEnumerable<JournalDecision> Compared(IAsyncEnumerable<JournalDecision> all)
        {
            long input = -1;
            int ordinal = 0;
            await foreach (var d in all.ConfigureAwait(false))
            {
                if (d.Event.StartsWith(LogPrefix, StringComparison.Ordinal)) continue;
                ordinal = d.Input == input ? ordinal + 1 : 0;
                input = d.Input;
                yield return d with { Index = ordinal };
            }
        }

        void Differ(long input, int index, string? a, string? b)
        {
            count++;
            if (differences.Count < KeptDifferences) differences.Add(new DecisionDifference(input, index, a, b));
        }
    }
}
