using Baton.Engine.Strategy;
using Baton.Yaml;

namespace Baton.Cli.Commands;

internal static class StrategyFiles
{
    /// <summary>Loads and validates a strategy file with <c>--set</c> overrides applied.</summary>
    public static StrategyDefinition Load(string path, string[]? set) =>
        StrategyLoader.Load(path, CliOptions.Overrides(set));
}
