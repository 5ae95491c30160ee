using System.CommandLine;

namespace Baton.Cli.Commands;

/// <summary>The <c>baton</c> command tree, every option checked by <see cref="OptionRules"/>.</summary>
internal static class BatonCommands
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Baton: one engine for backtesting and live trading of YAML strategies")
        {
            BacktestCommand.Create(),
            SweepCommand.Create(),
            ReportCommand.Create(),
            ValidateCommand.Create(),
            DataCommand.Create(),
            IndicatorsCommand.Create(),
            ComponentCommand.Create(),
            ServeCommand.Create(),
            LiveCommand.Create(),
            PublishCommand.Create(),
            ReplayCommand.Create(),
            WalkForwardCommand.Create(),
            WorkerCommand.Create(),
            ClusterCommand.Create(),
        };
        OptionRules.Apply(root);   // every option and argument: no blank text, no NaN or infinity
        return root;
    }
}
