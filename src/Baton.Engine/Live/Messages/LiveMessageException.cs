namespace Baton.Engine.Live.Messages;

/// <summary>A stream entry that is not a valid message: the message names stream, entry id, field and what was expected,
/// e.g. <c>signals:live 1700000000000-3: direction: expected -1, 0 or 1, got 7</c>. It goes to the dead-letter stream.</summary>
public sealed class LiveMessageException : Exception
{
    public LiveMessageException(string stream, string entryId, string field, string problem)
        : base($"{stream} {entryId}: {field}: {problem}")
    {
        Field = field;
        Problem = problem;
    }

    public string Field { get; }
    public string Problem { get; }
}
