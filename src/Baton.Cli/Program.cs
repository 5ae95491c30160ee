using System.CommandLine;
using System.Runtime.InteropServices;
using Baton.Cli.Commands;

var root = BatonCommands.Create();
if (args.Length == 0)
{
    await root.Parse(["--help"]).InvokeAsync().ConfigureAwait(false);   // a newcomer typing `baton` sees the commands
    return 2;
}
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0 && !args.Contains("--help") && !args.Contains("-h") && !args.Contains("-?"))
{
    // A bad command line exits 2, like a bad strategy file, and says what was wrong on stderr.
    foreach (var error in parsed.Errors) Console.Error.WriteLine($"error: {OptionRules.Plain(error.Message)}");
    var path = new List<string>();
    for (var command = parsed.CommandResult; command is not null; command = command.Parent as System.CommandLine.Parsing.CommandResult)
        path.Insert(0, command.Command == root ? "baton" : command.Command.Name);
    Console.Error.WriteLine($"see: {string.Join(' ', path)} --help");
    return 2;
}
// Ctrl-C and SIGTERM cancel the command's token, and the command decides its exit code: a live session finishes its
// batch, journals, flushes its events and exits 0; a backtest reports it was cancelled (130). System.CommandLine's own
// handler is off: it races the command for the exit code (143) and gives up after 2 s.
using var termination = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Terminate);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Terminate);
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
return await parsed.InvokeAsync(invocation, termination.Token).ConfigureAwait(false);

void Terminate(PosixSignalContext context)
{
    if (termination.IsCancellationRequested) return;   // a second Ctrl-C: the default, end now
    context.Cancel = true;
    termination.Cancel();
}
