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
    LiveCommand.Create(),
    PublishCommand.Create(),
    ReplayCommand.Create(),
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
