using System.CommandLine;
using System.Runtime.InteropServices;
using Baton.Cli.Commands;

var root = new RootCommand("Baton: one engine for backtesting and live trading of YAML strategies")
{
    BacktestCommand.Create(),
    ReportCommand.Create(),
    ValidateCommand.Create(),
    DataCommand.Create(),
    IndicatorsCommand.Create(),
    ComponentCommand.Create(),
    LiveCommand.Create(),
    PublishCommand.Create(),
    ReplayCommand.Create(),
};
// Ctrl-C and SIGTERM cancel the command's token, and the command decides its exit code: a live session finishes its
// batch, journals, flushes its events and exits 0; a backtest reports it was cancelled (130). System.CommandLine's own
// handler is off: it races the command for the exit code (143) and gives up after 2 s.
using var termination = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Terminate);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Terminate);
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
return await root.Parse(args).InvokeAsync(invocation, termination.Token).ConfigureAwait(false);

void Terminate(PosixSignalContext context)
{
    if (termination.IsCancellationRequested) return;   // a second Ctrl-C: the default, end now
    context.Cancel = true;
    termination.Cancel();
}
