using System.Diagnostics;
using Baton.Engine.Live;
using Baton.Engine.Live.Messages;
using Microsoft.Data.Sqlite;
using StackExchange.Redis;

namespace Baton.Cli.Tests;

/// <summary>Files and servers named on the command line that are not what the option says — a journal that is a text
/// file, a run history that is a journal, a Redis that does not answer, a strategy live mode cannot run — get one clear
/// line and an exit code at once: no stack trace, no hang, the file left byte for byte as it was, nothing created.</summary>
public sealed class EdgeCheckTests : IDisposable
{
    private const string Strategy = TestStrategies.DailySma;

    private readonly string _dir = BatonProcess.TempDir();

    public EdgeCheckTests()
    {
        File.WriteAllText(Path.Combine(_dir, "candles.csv"), "timestamp,open,high,low,close,volume\n2024-01-01,1,2,0.5,1.5,10\n2024-01-02,1,2,0.5,1.5,10\n");
        File.WriteAllText(Path.Combine(_dir, "s.yaml"), Strategy);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A file of the kind named: text, empty, a SQLite database with a table "other", a run history, a journal.</summary>
    private string File_(string kind)
    {
        string path = Path.Combine(_dir, kind + ".db");
        switch (kind)
        {
            case "text": File.WriteAllText(path, "timestamp,open\nnot a database\n"); break;
            case "empty": File.WriteAllBytes(path, []); break;
            default:
                string table = kind switch { "other" => "other (x INTEGER)", "history" => "runs (id TEXT)", _ => "session (id INTEGER)" };
                using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
                {
                    c.Open();
                    using var cmd = c.CreateCommand();
                    cmd.CommandText = $"CREATE TABLE {table}";
                    cmd.ExecuteNonQuery();
                }
                break;
        }
        return path;
    }

    [Theory]
    [InlineData("text", "not a SQLite database (expected a live journal)")]
    [InlineData("empty", "empty file, not a live journal")]
    [InlineData("other", "a SQLite database of another kind (tables: other), not a live journal")]
    [InlineData("history", "a SQLite database of another kind (tables: runs), not a live journal")]
    public void Replay_of_a_file_that_is_not_a_journal_is_refused_and_the_file_left_as_it_was(string kind, string expected)
    {
        string path = File_(kind);
        AssertRefused(path, expected, "replay", path);
    }

    [Theory]
    [InlineData("text", "not a SQLite database (expected a live journal)")]
    [InlineData("other", "a SQLite database of another kind (tables: other), not a live journal")]
    public void A_live_journal_that_is_something_else_is_refused(string kind, string expected)
    {
        string path = File_(kind);
        AssertRefused(path, expected, "live", Path.Combine(_dir, "s.yaml"), "--journal", path, "--speed", "0");
    }

    [Theory]
    [InlineData("text", "not a SQLite database (expected a run history)")]
    [InlineData("journal", "a SQLite database of another kind (tables: session), not a run history")]
    public void Serve_with_a_db_that_is_not_a_run_history_is_refused(string kind, string expected)
    {
        string path = File_(kind);
        string data = Path.Combine(_dir, "data");
        AssertRefused(path, expected, "serve", "--port", "0", "--db", path, "--data-dir", data, "--strategies", _dir);
        Assert.False(Directory.Exists(data));
    }

    [Fact]
    public void Serve_with_a_db_that_is_a_folder_is_refused()
    {
        string data = Path.Combine(_dir, "data");
        var (exit, output, err) = BatonProcess.Run("serve", "--port", "0", "--db", _dir, "--data-dir", data, "--strategies", _dir);
        Assert.True(exit == 2, $"exit {exit}: {err}");
        Assert.Contains($"error: {_dir}: a folder, not a run history", err, StringComparison.Ordinal);
        Assert.Equal("", output);
        Assert.False(Directory.Exists(data));
    }

    private static void AssertRefused(string file, string expected, params string[] args)
    {
        byte[] before = File.ReadAllBytes(file);
        var (exit, output, err) = BatonProcess.Run(args);
        Assert.True(exit == 2, $"exit {exit}: {err}");
        Assert.Contains($"error: {file}: {expected}", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.Equal("", output);
        Assert.Equal(before, File.ReadAllBytes(file));
        Assert.False(File.Exists(file + "-wal"));
        Assert.False(File.Exists(file + "-journal"));
    }

    [Theory]
    [InlineData("publish signal --symbol X --signal s --redis")]
    [InlineData("publish prices S --rate 0 --redis")]
    [InlineData("live stop --all --redis")]
    public void An_unreachable_Redis_fails_fast_naming_the_url_without_its_password(string line)
    {
        const string url = "redis://:hunter2@127.0.0.1:1";   // nothing listens on port 1
        var args = line.Split(' ').Select(a => a == "S" ? Path.Combine(_dir, "s.yaml") : a).Append(url).ToArray();
        var clock = Stopwatch.StartNew();
        var (exit, output, err) = BatonProcess.Run(args);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.True(exit == 1, $"exit {exit}: {err}");
        Assert.Contains("error: cannot reach Redis at redis://:***@127.0.0.1:1", err, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", err + output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    [Fact]
    public async Task A_hostile_signal_writes_nothing_to_a_real_Redis_and_a_good_one_does()
    {
        var (dbIndex, url) = LiveRedis.NewDatabase();
        using var redis = await ConnectionMultiplexer.ConnectAsync(Baton.Redis.RedisUrl.Parse(url));
        var db = redis.GetDatabase(dbIndex);
        foreach (var bad in new[] { "NaN", "Infinity", "1e308" })
        {
            var (exit, _, err) = BatonProcess.Run("publish", "signal", "--symbol", "X", "--signal", "s", "--strength", bad, "--redis", url);
            Assert.Equal(2, exit);
            Assert.Contains($"error: --strength {bad}: expected a number from -1000000 to 1000000", err, StringComparison.Ordinal);
        }
        Assert.Equal(0, await db.StreamLengthAsync(LiveStreams.Signals));
        var ok = BatonProcess.Run("publish", "signal", "--symbol", "X", "--signal", "s", "--strength", "0.5", "--redis", url);
        Assert.True(ok.Exit == 0, ok.Err);
        Assert.Equal(1, await db.StreamLengthAsync(LiveStreams.Signals));
    }

    [Theory]
    [InlineData("live")]
    [InlineData("serve")]
    public void A_strategy_with_an_external_indicator_is_refused_by_live_mode_before_anything_opens(string command)
    {
        string path = Path.Combine(_dir, "ext.yaml");
        File.WriteAllText(path, Strategy.Replace("- { id: fast, type: sma, period: 3 }",
            "- { id: fast, type: sma, period: 3 }\n    - { id: ext, type: external, command: \"python3 ext.py\" }", StringComparison.Ordinal)
            .Replace("close > fast", "ext > 0", StringComparison.Ordinal));
        string journal = Path.Combine(_dir, "j.db"), data = Path.Combine(_dir, "data");
        var (exit, output, err) = command == "live"
            ? BatonProcess.Run("live", path, "--journal", journal)
            : BatonProcess.Run("serve", "--port", "0", "--live", path, "--data-dir", data, "--strategies", _dir);
        Assert.True(exit == 2, $"exit {exit}: {err}");
        Assert.Contains($"error: {path}:8:", err, StringComparison.Ordinal);   // the component's line in the file
        Assert.Contains(": external indicator 'ext' cannot run live yet: only external signals", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.Equal("", output);
        Assert.False(File.Exists(journal));
        Assert.False(Directory.Exists(Path.Combine(data, "live")));
    }
}
