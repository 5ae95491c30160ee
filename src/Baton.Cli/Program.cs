using System.CommandLine;
using Baton.Cli.Commands;

var root = new RootCommand("Baton: one engine for backtesting and live trading of YAML strategies")
{
    BacktestCommand.Create(),
    ReportCommand.Create(),
    ValidateCommand.Create(),
    DataCommand.Create(),
    IndicatorsCommand.Create(),
    ComponentCommand.Create(),
    ServeCommand.Create(),
};
if (args.Length == 0)
{
    await root.Parse(["--help"]).InvokeAsync().ConfigureAwait(false);   // a newcomer typing `baton` sees the commands
    return 2;
}
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0 && !args.Contains("--help") && !args.Contains("-h") && !args.Contains("-?"))
{
    // A bad command line exits 2, like a bad strategy file, and says what was wrong on stderr.
    foreach (var error in parsed.Errors) Console.Error.WriteLine($"error: {error.Message}");
    var path = new List<string>();
    for (var command = parsed.CommandResult; command is not null; command = command.Parent as System.CommandLine.Parsing.CommandResult)
        path.Insert(0, command.Command == root ? "baton" : command.Command.Name);
    Console.Error.WriteLine($"see: {string.Join(' ', path)} --help");
    return 2;
}
return await parsed.InvokeAsync().ConfigureAwait(false);
