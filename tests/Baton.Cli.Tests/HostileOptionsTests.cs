using System.CommandLine;
using Baton.Cli.Commands;

namespace Baton.Cli.Tests;

/// <summary>Every command refuses an option value outside its range — NaN, infinities, negatives, 1e308 where meaningless,
/// blank text, ports past 65535 — with exit 2 and a message naming the option, the value and what was expected, before
/// anything is read, written or started (the output folder stays empty, stdout says nothing).</summary>
public sealed class HostileOptionsTests : IDisposable
{
    private const string Strategy = TestStrategies.DailySma;

    private readonly string _fixture = BatonProcess.TempDir();
    private readonly string _output = BatonProcess.TempDir();

    public HostileOptionsTests()
    {
        File.WriteAllText(Path.Combine(_fixture, "s.yaml"), Strategy);
        File.WriteAllText(Path.Combine(_fixture, "candles.csv"), "timestamp,open,high,low,close,volume\n2024-01-01,1,2,0.5,1.5,10\n2024-01-02,1,2,0.5,1.5,10\n");
    }

    public void Dispose()
    {
        Directory.Delete(_fixture, recursive: true);
        Directory.Delete(_output, recursive: true);
    }

    /// <summary>The command line (S: the valid strategy, O: the empty output folder) and the start of the expected message.</summary>
    public static TheoryData<string, string> Cases => new()
    {
        { "live S --journal O/j.db --speed -1", "--speed -1: expected a number from 0 to 1000000 (candles per second; 0: as fast as possible)" },
        { "live S --journal O/j.db --speed NaN", "--speed NaN: expected a number from 0 to 1000000" },
        { "live S --journal O/j.db --speed Infinity", "--speed Infinity: expected a number from 0 to 1000000" },
        { "live S --journal O/j.db --speed 1e308", "--speed 1e308: expected a number from 0 to 1000000" },
        { "live S --journal O/j.db --max-deliveries -1", "--max-deliveries -1: expected a number from 1 to 1000000" },
        { "live S --journal O/j.db --max-deliveries 0", "--max-deliveries 0: expected a number from 1 to 1000000" },
        { "live S --journal O/j.db --max-price-age -5s", "--max-price-age -5s: expected a duration from 0 to 24h" },
        { "live S --journal O/j.db --max-future -1s", "--max-future -1s: expected a duration from 0 to 24h" },
        { "live S --journal O/j.db --max-future NaNs", "--max-future NaNs: expected a duration from 0 to 24h" },
        { "live S --journal O/j.db --max-skew -1", "--max-skew -1: expected a number from 0 to 10000" },
        { "live S --journal O/j.db --max-skew 1e30", "Cannot parse argument '1e30' for option '--max-skew': expected a whole number" },
        { "live S --journal O/j.db --claim-idle NaNs", "--claim-idle NaNs: expected a duration from 0 to 24h" },
        { "live S --journal O/j.db --claim-idle off", "--claim-idle off: expected a duration from 0 to 24h" },
        { "live S --journal O/j.db --poll-max 1e308s", "--poll-max 1e308s: expected a duration from 0 to 24h" },
        { "live S --journal O/j.db --lease-ttl 100ms", "--lease-ttl 100ms: expected a duration from 500ms to 10m" },
        { "live S --journal O/j.db --lease-ttl off", "--lease-ttl off: expected a duration from 500ms to 10m" },
        { "live S --journal O/j.db --consumer ''", "--consumer '': expected a non-empty value" },
        { "live S --journal O/j.db --replay '_'", "--replay ' ': expected a non-empty value" },
        { "live S --journal O/j.db --set ''", "--set '': expected a non-empty value" },
        { "live stop --redis ''", "--redis '': expected a non-empty value" },
        { "live stop --redis redis://127.0.0.1:1 --reason ''", "--reason '': expected a non-empty value" },
        { "publish prices S --rate -5", "--rate -5: expected a number from 0 to 1000000" },
        { "publish prices S --rate NaN", "--rate NaN: expected a number from 0 to 1000000" },
        { "publish prices S --first-seq 0", "--first-seq 0: expected a number of at least 1" },
        { "publish prices S --producer ''", "--producer '': expected a non-empty value" },
        { "publish signal --symbol X --signal s --seq -1", "--seq -1: expected a number of at least 1" },
        { "publish signal --symbol '' --signal s", "--symbol '': expected a non-empty value" },
        { "publish signal --symbol X --signal s --strength NaN", "--strength NaN: expected a number from -1000000 to 1000000" },
        { "publish signal --symbol X --signal s --strength -Infinity", "--strength -Infinity: expected a number from -1000000 to 1000000" },
        { "publish signal --symbol X --signal s --strength 1e308", "--strength 1e308: expected a number from -1000000 to 1000000" },
        { "component run fast --strategy S --limit -1", "--limit -1: expected a number of at least 0" },
        { "component run '' --strategy S", "ID '': expected a non-empty value" },
        { "serve --data-dir O/d --port 99999", "--port 99999: expected a number from 0 to 65535" },
        { "serve --data-dir O/d --port -1", "--port -1: expected a number from 0 to 65535" },
        { "serve --data-dir O/d --port 65536", "--port 65536: expected a number from 0 to 65535" },
        { "serve --data-dir O/d --live S --speed -1", "--speed -1: expected a number from 0 to 1000000" },
        { "serve --data-dir O/d --db ''", "--db '': expected a non-empty value" },
        { "serve --data-dir O/d --host ''", "--host '': expected a non-empty value" },
        { "data generate --out O/x.csv --bars 0", "--bars 0: expected a number from 1 to 100000000" },
        { "data generate --out O/x.csv --bars -5", "--bars -5: expected a number from 1 to 100000000" },
        { "data generate --out O/x.csv --price NaN", "--price NaN: expected a number from 0.000001 to 10000000000" },
        { "data generate --out O/x.csv --price -1", "--price -1: expected a number from 0.000001 to 10000000000" },
        { "data generate --out O/x.csv --volatility Infinity", "--volatility Infinity: expected a number from 0 to 1" },
        { "data generate --out O/x.csv --volatility -0.1", "--volatility -0.1: expected a number from 0 to 1" },
        { "data generate --out O/x.csv --symbols ''", "--symbols '': expected a non-empty value" },
        { "data generate --out ''", "--out '': expected a non-empty value" },
        { "backtest S --out O/run --from ''", "--from '': expected a non-empty value" },
        { "backtest S --out O/run --data ''", "--data '': expected a non-empty value" },
        { "backtest ''", "STRATEGY '': expected a non-empty value" },
        { "validate ''", "STRATEGY '': expected a non-empty value" },
        { "indicators compute --data S --indicator ''", "--indicator '': expected a non-empty value" },
        { "data inspect ''", "SOURCE '': expected a non-empty value" },
        { "data convert S --out O/x.csv --timeframe ''", "--timeframe '': expected a non-empty value" },
        { "data import S --to ''", "--to '': expected a non-empty value" },
        { "replay ''", "JOURNAL '': expected a non-empty value" },
        { "report ''", "DIR '': expected a non-empty value" },
        // a value that is not of the option's type at all, said in words rather than .NET type names
        { "data generate --out O/x.csv --seed 1e308", "Cannot parse argument '1e308' for option '--seed': expected a whole number from -2147483648" },
        { "data generate --out O/x.csv --bars abc", "Cannot parse argument 'abc' for option '--bars': expected a whole number" },
        { "live S --journal O/j.db --speed fast", "Cannot parse argument 'fast' for option '--speed': expected a number" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_value_out_of_range_is_refused_naming_the_option_and_nothing_is_written(string line, string expected)
    {
        var (exit, output, err) = BatonProcess.Run(Args(line));
        Assert.True(exit == 2, $"baton {line}: exit {exit}\n{err}");
        Assert.Contains("error: " + expected, err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);   // no stack trace
        Assert.Equal("", output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_output));
    }

    /// <summary>Numbers any value of which means something (a seed).</summary>
    private static readonly string[] FreeNumbers = ["baton data generate --seed"];

    [Fact]
    public void Every_number_and_duration_option_of_every_command_declares_its_range()
    {
        var missing = new List<string>();
        Walk(BatonCommands.Create(), "baton", missing);
        Assert.Empty(missing);
    }

    private static void Walk(Command command, string path, List<string> missing)
    {
        foreach (var option in command.Options)
        {
            var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
            bool number = type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(decimal);
            bool duration = option.Name is "--max-price-age" or "--claim-idle" or "--poll-max" or "--lease-ttl";
            string name = $"{path} {option.Name}";
            if (number && !OptionRules.HasRange(option) && !FreeNumbers.Contains(name)) missing.Add(name + ": no range");
            if (duration && type == typeof(string) && !OptionRules.HasRule(option)) missing.Add(name + ": no duration rule");
        }
        foreach (var sub in command.Subcommands) Walk(sub, path + " " + sub.Name, missing);
    }

    [Fact]
    public void Values_at_the_edges_of_their_ranges_are_accepted()
    {
        var (exit, _, err) = BatonProcess.Run(Args("data generate --out O/x.csv --bars 1 --price 0.000001 --volatility 0 --seed -5"));
        Assert.True(exit == 0, err);
        Assert.True(File.Exists(Path.Combine(_output, "x.csv")));
    }

    /// <summary>Splits on spaces; S is the strategy, O/ the output folder, '' an empty value and '_' a blank one.</summary>
    private string[] Args(string line) => [.. line.Split(' ').Select(p => p switch
    {
        "S" => Path.Combine(_fixture, "s.yaml"),
        "''" => "",
        "'_'" => " ",
        _ => p.Replace("O/", _output + "/", StringComparison.Ordinal),
    })];
}
