using System.CommandLine;
using Baton.Research.Report;
using Baton.Runs.Report;

namespace Baton.Cli.Commands;

/// <summary><c>baton report DIR</c>: (re)writes <c>DIR/report.html</c> from the files of a run, a sweep or a
/// walk-forward (a folder whose manifest.json says <c>"kind": "sweep"</c> or <c>"walkforward"</c>).</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("dir") { Description = "Folder of a run, a sweep or a walk-forward (written by baton backtest, sweep or walkforward --out DIR)" };
        var command = new Command("report", "Write report.html, a self-contained page of a run's, sweep's or walk-forward's charts and tables, from its files")
        {
            directory,
        };
        command.SetAction((result, _) => CommandRunner.RunAsync(() =>
        {
            string dir = result.GetValue(directory)!;
            if (!Directory.Exists(dir)) throw new CliException($"{dir}: no such folder");
            Console.Out.WriteLine(SweepFolderReader.IsSweepFolder(dir) ? SweepReportPage.Write(dir) : ReportPage.Write(dir));
            return Task.FromResult(0);
        }));
        return command;
    }
}
