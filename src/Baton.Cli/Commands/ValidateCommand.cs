using System.CommandLine;
using System.Globalization;
using Baton.Engine.Compilation;

namespace Baton.Cli.Commands;

/// <summary><c>baton validate FILE [--set k=v]...</c>: every error at once, with file:line:col and the field path.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("strategy") { Description = "Strategy YAML file" };
        var set = CliOptions.Set();
        var command = new Command("validate", "Check a strategy file and report every error with its place") { file, set };
        command.SetAction((result, _) => CommandRunner.RunAsync(() =>
        {
            var definition = StrategyFiles.Load(result.GetValue(file)!, result.GetValue(set));
            var compiled = StrategyCompiler.Compile(definition);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{definition.SourceFile}: ok: {definition.Symbols.Count} symbol(s), {definition.Indicators.Count} indicator(s), " +
                $"{definition.Signals.Count} signal(s), {definition.Components.Count} external component(s), {compiled.Entries.Count} entry rule(s), {compiled.Exits.Count} exit rule(s); " +
                $"warm-up {compiled.WarmUp} bars"));
            return Task.FromResult(0);
        }));
        return command;
    }
}
