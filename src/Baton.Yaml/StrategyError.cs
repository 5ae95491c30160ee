namespace Baton.Yaml;

/// <summary>One problem in a strategy file: where (1-based line and column), which field (path), and what.</summary>
public sealed record StrategyError(string File, int Line, int Column, string Path, string Message)
{
    /// <summary><c>file:line:col: path: message</c>; an error about the whole file (line 0, say it is missing) has no position.</summary>
    public override string ToString() =>
        (Line == 0 ? File : $"{File}:{Line}:{Column}") + (Path.Length == 0 ? "" : $": {Path}") + $": {Message}";
}

/// <summary>A strategy file that cannot be used; <see cref="Errors"/> holds every problem found, in file order.</summary>
public sealed class StrategyValidationException(IReadOnlyList<StrategyError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<StrategyError> Errors { get; } = errors;
}
