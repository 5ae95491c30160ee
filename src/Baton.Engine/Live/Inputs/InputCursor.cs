using Baton.Engine.Live.Journal;
namespace Baton.Engine.Live.Inputs;

/// <summary>
/// Where the one total order of inputs stands: the greatest position among the journaled bus inputs (applied or refused)
/// and the refusals journaled with their reasons (an entry read again is dead-lettered again, never decided anew). Rebuilt
/// from the journal's inputs at restore, or taken from the latest snapshot, which holds this object with the engine.
/// </summary>
internal sealed class InputCursor
{
    /// <summary>The greatest position journaled, <see cref="InputPosition.Start"/> before the first.</summary>
    public InputPosition Position { get; private set; } = InputPosition.Start;

    /// <summary>That entry as <c>STREAM ID</c>, for messages.</summary>
    public string Entry { get; private set; } = "";

    /// <summary>The reasons of the refused inputs journaled, by their <c>rejected/STREAM/ID</c> key.</summary>
    public Dictionary<string, string> Rejected { get; } = new(StringComparer.Ordinal);

    public void Journaled(JournalInput input)
    {
        if (input.Rejected is { } reason) Rejected[input.Key] = reason;
        if (InputPosition.Of(input.Stream, input.EntryId) is { } p && p > Position)
        {
            Position = p;
            Entry = input.Stream + " " + input.EntryId;
        }
    }
}
