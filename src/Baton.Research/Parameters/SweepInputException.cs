namespace Baton.Research.Parameters;

/// <summary>A sweep asked for something that cannot run (a bad <c>--param</c>, <c>--where</c> or search, a parameter that
/// changes the data): the message names the option and what was expected, in one line.</summary>
public sealed class SweepInputException(string message) : Exception(message);
