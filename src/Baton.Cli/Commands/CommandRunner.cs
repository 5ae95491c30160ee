using Baton.Engine.Data;
using Baton.Engine.Data.Files;
using Baton.Engine.Live.Bus;
using Baton.Yaml;

namespace Baton.Cli.Commands;

/// <summary>Runs a command's body and turns failures into a clear message and an exit code:
/// 2 for a bad command line or strategy file, 1 for bad data or a failed run, 130 when cancelled.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (StrategyValidationException e)
        {
            foreach (var error in e.Errors) await Console.Error.WriteLineAsync(error.ToString()).ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"{e.Errors.Count} error(s); nothing was run").ConfigureAwait(false);
            return 2;
        }
        catch (InputFileException e)
        {
            await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return 2;
        }
        catch (Exception e) when (e is CliException or Baton.Research.Parameters.SweepInputException)
        {
            await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return 2;
        }
        catch (InvalidDataException e)
        {
            // a file named on the command line that is not what the option says (a journal, a run history)
            await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return 2;
        }
        catch (CandleDataException e)
        {
            string kind = e.Field is "connection" or "uri" or "import" or "inspect" or "window" ? "error: " : "bad data: ";
            await Console.Error.WriteLineAsync(kind + e.Message).ConfigureAwait(false);
            return 1;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("cancelled; no files were written").ConfigureAwait(false);
            return 130;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or NotSupportedException
                                      or System.Data.Common.DbException
                                      or Baton.Engine.Live.Bus.BusUnavailableException)
        {
            await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return 1;
        }
#pragma warning disable CA1031 // the last resort: a defect in Baton is said in one line, never as a stack trace
        catch (Exception e)
#pragma warning restore CA1031
        {
            await Console.Error.WriteLineAsync($"error: internal error ({e.GetType().Name}: {e.Message}); this is a defect in Baton, "
                + "please report it with the command that caused it" + (Debugging ? "" : " (BATON_DEBUG=1 shows where it happened)"))
                .ConfigureAwait(false);
            if (Debugging) await Console.Error.WriteLineAsync(e.ToString()).ConfigureAwait(false);
            return 70;   // EX_SOFTWARE
        }
    }

    private static bool Debugging => Environment.GetEnvironmentVariable("BATON_DEBUG") == "1";
}
