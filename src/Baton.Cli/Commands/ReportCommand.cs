using System.CommandLine;
using Baton.Runs.Report;

namespace Baton.Cli.Commands;

/// <summary><c>baton report DIR</c>: (re)writes <c>DIR/report.html</c> from the run's files.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("dir") { Description = "Folder of a run (written by baton backtest --out DIR)" };
        var command = new Command("report", "Write report.html, a self-contained page of a run's charts and tables, from its files")
        {
            directory,
        };
        command.SetAction((result, _) => CommandRunner.RunAsync(() =>
        {
            string dir = result.GetValue(directory)!;
            if (!Directory.Exists(dir)) throw new CliException($"{dir}: no such folder");
            Console.Out.WriteLine(ReportPage.Write(dir));
            return Task.FromResult(0);
        }));
        return command;
    }
}
