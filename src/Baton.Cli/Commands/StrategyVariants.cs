using Baton.Engine.Data.Files;
using Baton.Engine.Strategy;
using Baton.Research.Trials;
using Baton.Yaml;

namespace Baton.Cli.Commands;

/// <summary>A sweep's strategy: the file read once, then loaded per trial with its parameters as <c>--set</c> overrides,
/// the way <c>baton backtest --set</c> loads it. A value the strategy refuses is the trial's error, not the sweep's.</summary>
internal sealed class StrategyVariants : IStrategyVariants
{
    private readonly string _text;

    /// <summary>Reads and validates <paramref name="path"/> as written (with <paramref name="set"/> applied to every trial).</summary>
    public StrategyVariants(string path, IReadOnlyDictionary<string, string>? set = null)
        : this(path, InputFile.ReadUtf8(path, StrategyLoader.MaxFileBytes), set, StrategyLoader.Load(path, set ?? new Dictionary<string, string>()))
    {
    }

    /// <summary>A strategy given as its text (a cluster job), named <paramref name="path"/> in messages; relative paths in
    /// it are read from <paramref name="path"/>'s folder on this machine.</summary>
    public StrategyVariants(string path, string text, IReadOnlyDictionary<string, string>? set = null)
        : this(path, text, set, StrategyLoader.LoadFromText(text, path, set ?? new Dictionary<string, string>()))
    {
    }

    private StrategyVariants(string path, string text, IReadOnlyDictionary<string, string>? set, StrategyDefinition plain)
    {
        SourceFile = path;
        Fixed = set ?? new Dictionary<string, string>();
        _text = text;
        ParameterNames = plain.Parameters.Keys.ToArray();
        Plain = plain;
    }

    /// <summary>The strategy file's text as read.</summary>
    public string Text => _text;

    public string SourceFile { get; }
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The strategy with only the fixed overrides (no swept parameter).</summary>
    public StrategyDefinition Plain { get; }

    /// <summary><c>--set</c> values every trial shares.</summary>
    public IReadOnlyDictionary<string, string> Fixed { get; }

    public StrategyDefinition Load(IReadOnlyList<ParameterSetting> settings)
    {
        var overrides = new Dictionary<string, string>(Fixed, StringComparer.Ordinal);
        foreach (var s in settings) overrides[s.Name] = s.Value;
        try
        {
            return StrategyLoader.LoadFromText(_text, SourceFile, overrides);
        }
        catch (StrategyValidationException e)
        {
            throw new InvalidTrialException(e.Message);
        }
    }
}
