using System.Diagnostics;

namespace Baton.Cli.Tests;

/// <summary>Inputs issue 17's fixes missed: a number written with a comma (<c>0,5</c> was read as 5), a condition
/// literal too long for a double (read as infinity), an indicator's parameter relations on the command line
/// (<c>macd:fast=26,slow=26</c> crashed with a stack trace, <c>kama:fast=30,slow=2</c> ran), an <c>--out</c> file
/// that is a FIFO or a folder (the written file was renamed over it: as root, <c>--out /dev/null</c> replaced the
/// device), and <c>baton report</c> on a run folder holding a FIFO (it blocked forever). Each is refused with its
/// place and exit code, nothing on stdout, nothing written.</summary>
public sealed class MissedInputTests : IDisposable
{
    private const string Strategy = """
        name: missed
        symbols: [X]
        timeframe: 1d
        initial_cash: CASH
        data: { source: csv, path: candles.csv }
        dependencies:
          indicators:
            - { id: fast, type: sma, period: 3 }
        entry:
          - { when: close > fast and close < LEVEL, action: buy }
        """;

    private readonly string _dir = BatonProcess.TempDir();
    private readonly string _output = BatonProcess.TempDir();

    public MissedInputTests()
    {
        File.WriteAllText(Path.Combine(_dir, "candles.csv"),
            "timestamp,open,high,low,close,volume\n2024-01-01,1,2,0.5,1.5,10\n2024-01-02,1,2,0.5,1.5,10\n2024-01-03,1,2,0.5,1.5,10\n");
        Mkfifo(Path.Combine(_output, "pipe.csv"));
    }

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        Directory.Delete(_output, recursive: true);
    }

    private static readonly string Huge = "1" + new string('0', 400);

    /// <summary>initial_cash, the condition's literal, and the start of the expected message ("" for a valid file).</summary>
    public static TheoryData<string, string, string> StrategyCases => new()
    {
        { "0,5", "100", ":4:15: initial_cash: expected a number within [0.01, 1e15], got \"0,5\"" },
        { "1,000", "100", ":4:15: initial_cash: expected a number within [0.01, 1e15], got \"1,000\"" },
        { "1e3", "100", "" },                   // the message's own notation is accepted
        { "1_000", "100", "" },
        { "1e16", "100", ":4:15: initial_cash: expected a number within [0.01, 1e15], got \"1e16\"" },
        { "1000", Huge, ":10:38: entry[0].when: condition" },
        { "1000", Huge, "is too large a number" },
    };

    [Theory]
    [MemberData(nameof(StrategyCases))]
    public void A_number_that_would_be_read_wrong_is_refused_at_its_place(string cash, string level, string expected)
    {
        string path = Path.Combine(_dir, "s.yaml");
        File.WriteAllText(path, Strategy.Replace("CASH", cash, StringComparison.Ordinal).Replace("LEVEL", level, StringComparison.Ordinal));
        var (exit, output, err) = BatonProcess.Run("backtest", path, "--out", Path.Combine(_output, "run"));
        if (expected.Length == 0)
        {
            Assert.True(exit == 0, err);
            return;
        }
        Assert.True(exit == 2, $"exit {exit}\n{err}");
        Assert.Contains(expected.StartsWith(':') ? path + expected : expected, err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.Equal("", output);
        Assert.False(Directory.Exists(Path.Combine(_output, "run")));
    }

    /// <summary>The command line (D: the data file, O: the output folder holding pipe.csv, a FIFO) and the start of the
    /// expected message after "error: ".</summary>
    public static TheoryData<string, string> CommandCases => new()
    {
        { "indicators compute --data D --indicator macd:fast=26,slow=26", "--indicator macd:fast=26,slow=26: fast (26) must be less than slow (26) for macd" },
        { "indicators compute --data D --indicator ppo:fast=30,slow=10", "--indicator ppo:fast=30,slow=10: fast (30) must be less than slow (10) for ppo" },
        { "indicators compute --data D --indicator apo:fast=40", "--indicator apo:fast=40: fast (40) must be less than slow (26) for apo" },
        { "indicators compute --data D --indicator kama:fast=30,slow=2", "--indicator kama:fast=30,slow=2: fast (30) must be less than slow (2) for kama" },
        { "indicators compute --data D --indicator psar:acceleration=0.5,maximum=0.2", "--indicator psar:acceleration=0.5,maximum=0.2: acceleration (0.5) must be at most maximum (0.2) for psar" },
        { "data generate --bars 3 --out O/pipe.csv", "--out O/pipe.csv: is a named pipe (FIFO); only a regular file is written over" },
        { "data generate --bars 3 --out O/", "--out O/: is a folder; expected a file to write" },
        { "data generate --bars 3 --out O/sub/", "--out O/sub/: is a folder; expected a file to write" },
        { "data convert D --out O/pipe.csv", "--out O/pipe.csv: is a named pipe (FIFO); only a regular file is written over" },
    };

    [Theory]
    [MemberData(nameof(CommandCases))]
    public void A_bad_command_line_is_refused_before_anything_is_written(string line, string expected)
    {
        string[] args = [.. line.Split(' ').Select(Expand)];
        var (exit, output, err) = BatonProcess.Run(args);
        Assert.True(exit == 2, $"baton {line}: exit {exit}\n{err}");
        Assert.Contains("error: " + expected.Replace("O/", _output + "/", StringComparison.Ordinal), err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", err, StringComparison.Ordinal);
        Assert.Equal("", output);
        Assert.Equal(["pipe.csv"], Directory.EnumerateFileSystemEntries(_output).Select(Path.GetFileName));
        Assert.True(IsFifo(Path.Combine(_output, "pipe.csv")), "pipe.csv was replaced by a regular file");
    }

    /// <summary>A run folder's file replaced by a FIFO (or a link to a device) stops <c>baton report</c> at once, naming
    /// the file, instead of blocking forever; no report.html is written.</summary>
    [Theory]
    [InlineData("equity.csv")]
    [InlineData("trades.csv")]
    [InlineData("candles.csv")]
    [InlineData("events.jsonl")]
    [InlineData("manifest.json")]
    public void A_run_file_that_is_a_pipe_is_refused_by_report(string file)
    {
        string run = Path.Combine(_output, "run");
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, "metrics.json"), """{"summary":{},"metrics":{}}""");
        Mkfifo(Path.Combine(run, file));
        var (exit, output, err) = BatonProcess.Run("report", run);
        Assert.True(exit == 1, $"exit {exit}\n{err}");
        Assert.Contains($"error: {file}: is a named pipe (FIFO)", err, StringComparison.Ordinal);
        Assert.Equal("", output);
        Assert.False(File.Exists(Path.Combine(run, "report.html")));
    }

    /// <summary>A run file holding NaN or an infinity (the engine writes none) was drawn as a broken chart; now
    /// <c>baton report</c> names the file, line and column, and writes no report.html.</summary>
    [Theory]
    [InlineData("equity.csv", "time,equity,cash,drawdown\n2024-01-01T00:00:00Z,NaN,1,0\n", "equity.csv:2:equity: expected a finite number, got \"NaN\"")]
    [InlineData("equity.csv", "time,equity,cash,drawdown\n2024-01-01T00:00:00Z,1,1,-Infinity\n", "equity.csv:2:drawdown: expected a finite number, got \"-Infinity\"")]
    [InlineData("equity.csv", "time,equity,cash,drawdown\n2024-01-01T00:00:00Z,1e400,1,0\n", "equity.csv:2:equity: expected a finite number, got \"1e400\"")]
    [InlineData("candles.csv", "symbol,time,open,high,low,close,volume,candles\nX,2024-01-01T00:00:00Z,1,2,0.5,NaN,1,1\n", "candles.csv:2:close: expected a finite number, got \"NaN\"")]
    public void A_run_file_with_a_number_that_is_not_finite_is_refused_by_report(string file, string text, string expected)
    {
        string run = Path.Combine(_output, "run");
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, "metrics.json"), """{"summary":{},"metrics":{}}""");
        File.WriteAllText(Path.Combine(run, file), text);
        var (exit, output, err) = BatonProcess.Run("report", run);
        Assert.True(exit == 1, $"exit {exit}\n{err}");
        Assert.Contains("error: " + expected, err, StringComparison.Ordinal);
        Assert.Equal("", output);
        Assert.False(File.Exists(Path.Combine(run, "report.html")));
    }

    /// <summary>An empty data path or URL passed <c>validate</c>, then failed the backtest with no line or column.</summary>
    [Theory]
    [InlineData("{ source: csv, path: \"\" }", ":5:28: data.path: expected a file path, got an empty one")]
    [InlineData("{ source: parquet, path: \"  \" }", ":5:32: data.path: expected a file path, got an empty one")]
    [InlineData("{ source: postgres, url: '' }", ":5:32: data.url: expected a postgresql:// URL, got an empty one")]
    public void An_empty_data_path_is_refused_by_validate_at_its_place(string data, string expected)
    {
        string text = Strategy.Replace("CASH", "1000", StringComparison.Ordinal).Replace("LEVEL", "100", StringComparison.Ordinal)
            .Replace("{ source: csv, path: candles.csv }", data, StringComparison.Ordinal);
        string path = Path.Combine(_dir, "empty.yaml");
        File.WriteAllText(path, text);
        foreach (string[] command in (string[][])[["validate", path], ["backtest", path, "--out", Path.Combine(_output, "run")]])
        {
            var (exit, output, err) = BatonProcess.Run(command);
            Assert.True(exit == 2, $"{command[0]}: exit {exit}\n{err}");
            Assert.Contains(path + expected, err, StringComparison.Ordinal);
            Assert.Equal("", output);
        }
        Assert.False(Directory.Exists(Path.Combine(_output, "run")));
    }

    /// <summary>An --out folder name past the file system's 255 bytes failed with the runtime's message, echoed whole.</summary>
    [Fact]
    public void An_out_folder_name_too_long_is_refused_before_the_run()
    {
        string path = Path.Combine(_dir, "s.yaml");
        File.WriteAllText(path, Strategy.Replace("CASH", "1000", StringComparison.Ordinal).Replace("LEVEL", "100", StringComparison.Ordinal));
        string name = new('x', 300);
        var (exit, output, err) = BatonProcess.Run("backtest", path, "--out", Path.Combine(_output, name));
        Assert.True(exit == 2, $"exit {exit}\n{err}");
        Assert.Contains("has a name of 300 bytes; a folder name is at most 255 bytes", err, StringComparison.Ordinal);
        Assert.DoesNotContain(name, err, StringComparison.Ordinal);   // the echo is cut
        Assert.Equal("", output);
        Assert.Equal(["pipe.csv"], Directory.EnumerateFileSystemEntries(_output).Select(Path.GetFileName));
    }

    /// <summary>A file of two YAML documents: only the first was read, the second silently ignored.</summary>
    [Fact]
    public void A_second_yaml_document_is_refused_at_its_start()
    {
        string one = Strategy.Replace("CASH", "1000", StringComparison.Ordinal).Replace("LEVEL", "100", StringComparison.Ordinal);
        string path = Path.Combine(_dir, "two.yaml");
        File.WriteAllText(path, "---\n" + one + "\n---\n" + one.Replace("1000", "5", StringComparison.Ordinal) + "\n");
        var (exit, output, err) = BatonProcess.Run("backtest", path, "--out", Path.Combine(_output, "run"));
        Assert.True(exit == 2, $"exit {exit}\n{err}");
        Assert.Contains($"{path}:12:1: a second YAML document starts here (---); a strategy file holds one", err, StringComparison.Ordinal);
        Assert.Equal("", output);
        Assert.False(Directory.Exists(Path.Combine(_output, "run")));

        File.WriteAllText(path, "---\n" + one + "\n");   // one document with its marker is fine
        var (valid, _, validErr) = BatonProcess.Run("validate", path);
        Assert.True(valid == 0, validErr);
    }

    /// <summary>A component line giving a key twice was decided by its last value (a later "ts" moved the value to
    /// another candle); now it is a warning naming the line and the key, and the line is skipped.</summary>
    [Fact]
    public void A_component_line_with_a_key_given_twice_is_skipped_with_a_warning()
    {
        string script = Path.Combine(_dir, "twice.sh");
        File.WriteAllText(script, """
            #!/bin/sh
            echo '{"ts": "2024-01-01", "symbol": "X", "values": {"z": 1, "z": 2}}'
            echo '{"ts": "2024-01-03", "symbol": "X", "values": {"z": 3}, "ts": "2024-01-01"}'
            echo '{"ts": "2024-01-02", "symbol": "X", "values": {"z": 4}}'
            """);
        string path = Path.Combine(_dir, "c.yaml");
        File.WriteAllText(path, """
            name: twice
            symbols: [X]
            timeframe: 1d
            data: { source: csv, path: candles.csv }
            dependencies:
              indicators:
                - { id: ext, type: external, command: sh twice.sh, outputs: [z] }
            entry:
              - { when: ext.z > 0, action: buy }
            """);
        var (exit, output, err) = BatonProcess.Run("component", "run", "ext", "--strategy", path);
        Assert.True(exit == 0, err);
        Assert.Contains("stdout line 1: \"values\".z: given twice on the line", err, StringComparison.Ordinal);
        Assert.Contains("stdout line 2: \"ts\" is given twice on the line", err, StringComparison.Ordinal);
        Assert.Equal(["2024-01-02T00:00:00Z  X  z=4"], output.Split('\n').Where(l => l.StartsWith("2024", StringComparison.Ordinal)));
        Assert.Contains("3 stdout lines, 1 accepted, 2 warnings", output, StringComparison.Ordinal);
    }

    private string Expand(string arg) =>
        arg == "D" ? Path.Combine(_dir, "candles.csv") : arg.Replace("O/", _output + "/", StringComparison.Ordinal);

    private static bool IsFifo(string path)
    {
        var info = new ProcessStartInfo("stat", ["-c", "%F", path]) { RedirectStandardOutput = true };
        using var p = Process.Start(info)!;
        string kind = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return kind.Contains("fifo", StringComparison.Ordinal);
    }

    private static void Mkfifo(string path)
    {
        using var p = Process.Start("mkfifo", [path])!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }
}
