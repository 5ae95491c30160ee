using System.CommandLine;
using Baton.Engine.Compilation;
using Baton.Engine.Data;
using Baton.Engine.Data.Files;
using Baton.Engine.Live;
using Baton.Engine.Live.Journal;

namespace Baton.Cli.Commands;

/// <summary><c>baton replay JOURNAL</c>: re-feeds a live session's journaled inputs through the engine with no bus and no
/// clock and diffs the decisions one by one; exits 3 when any differs.</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var journal = new Argument<string>("journal") { Description = "A live journal: SQLite file or postgresql:// URI" };
        var command = new Command("replay", "Replay a live session's journal through the engine and diff its decisions") { journal };
        command.SetAction((result, token) => CommandRunner.RunAsync(async () =>
        {
            string at = result.GetValue(journal)!;
            if (!at.Contains("://", StringComparison.Ordinal) && InputFile.Problem(at) is { } problem)
                throw new CliException(problem == "file not found" ? $"{at}: no such journal" : $"{at}: {problem}");
            await using var store = LiveParts.Journal(at);
            var header = await store.OpenAsync(null, token).ConfigureAwait(false);
            var compiled = StrategyCompiler.Compile(LiveParts.Strategy(header));
            var replay = await JournalReplay.RunAsync(store, compiled, header.MaxSkewBars, token).ConfigureAwait(false);
            foreach (var d in replay.Differences)
                Console.Out.WriteLine($"input {d.Input} decision {d.Index}:\n  live   {d.Journaled ?? "(none)"}\n  replay {d.Replayed ?? "(none)"}");
            if (replay.JournaledPortfolio is { } saved && saved != replay.ReplayedPortfolio)
                Console.Out.WriteLine($"final portfolio:\n  live   {saved}\n  replay {replay.ReplayedPortfolio}");
            Console.Out.WriteLine(replay.Identical
                ? $"identical: {replay.Inputs:N0} inputs, {replay.Decisions:N0} decisions, same final portfolio"
                : $"DIFFERENT: {replay.DifferenceCount:N0} of {replay.Decisions:N0} decisions differ ({replay.Inputs:N0} inputs)");
            return replay.Identical ? 0 : 3;
        }));
        return command;
    }
}
