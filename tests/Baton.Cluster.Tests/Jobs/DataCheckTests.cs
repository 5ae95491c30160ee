using System.Diagnostics;
using System.Security.Cryptography;
using Baton.Cluster.Jobs;

namespace Baton.Cluster.Tests.Jobs;

public sealed class DataCheckTests : IDisposable
{
    private static readonly byte[] Bytes = "open_time,open,high,low,close,volume\n0,1,2,0.5,1.5,10\n"u8.ToArray();
    private readonly string _dir = Directory.CreateTempSubdirectory("baton-datacheck-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ClusterJob Job(string? data, string? sha) => ClusterJobTests.Sample() with { Data = data, DataSha256 = sha };

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void A_job_without_a_data_file_or_hash_has_no_problem()
    {
        Assert.Null(DataCheck.Problem(Job(null, null), "w1"));
        Assert.Null(DataCheck.Problem(Job("postgresql://db/baton", null), "w1"));
    }

    [Fact]
    public void The_same_file_has_no_problem_whatever_the_case_of_the_hash()
    {
        string path = Write("same.csv", Bytes);
        Assert.Null(DataCheck.Problem(Job(path, Sha(Bytes)), "w1"));
        Assert.Null(DataCheck.Problem(Job(path, Sha(Bytes).ToUpperInvariant()), "w1"));
    }

    [Fact]
    public void A_missing_file_is_refused_naming_the_worker_and_the_file()
    {
        string path = Path.Combine(_dir, "missing.csv");
        string? problem = DataCheck.Problem(Job(path, Sha(Bytes)), "w1");
        Assert.NotNull(problem);
        Assert.StartsWith("worker w1: the data file " + path + " does not exist", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_of_other_bytes_is_refused_with_both_hashes()
    {
        byte[] other = [.. Bytes];
        other[^2] = (byte)'9';
        string path = Write("other.csv", other);
        string? problem = DataCheck.Problem(Job(path, Sha(Bytes)), "w2");
        Assert.NotNull(problem);
        Assert.StartsWith("worker w2: the data file " + path + " has SHA-256 " + Sha(other)[..12], problem, StringComparison.Ordinal);
        Assert.Contains("manifest has " + Sha(Bytes)[..12], problem, StringComparison.Ordinal);
        Assert.Contains("refuses the sweep", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_rewritten_with_other_bytes_is_hashed_again()
    {
        string path = Write("rewritten.csv", Bytes);
        Assert.Null(DataCheck.Problem(Job(path, Sha(Bytes)), "w1"));
        File.WriteAllBytes(path, [.. Bytes, (byte)'\n']);
        Assert.NotNull(DataCheck.Problem(Job(path, Sha(Bytes)), "w1"));
    }

    [Fact]
    public void A_directory_at_the_path_is_refused()
    {
        string path = Path.Combine(_dir, "folder.csv");
        Directory.CreateDirectory(path);
        string? problem = DataCheck.Problem(Job(path, Sha(Bytes)), "w1");
        Assert.NotNull(problem);
        Assert.Contains("is a folder; expected a file", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_hashed_like_any_other()
    {
        string path = Write("empty.csv", []);
        Assert.Null(DataCheck.Problem(Job(path, Sha([])), "w1"));
        Assert.NotNull(DataCheck.Problem(Job(path, Sha(Bytes)), "w1"));
    }

    [Fact]
    public async Task A_fifo_at_the_path_is_refused_without_waiting_for_a_writer()
    {
        string path = Path.Combine(_dir, "fifo.csv");
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!)
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }
        // no writer ever opens the FIFO: opening it to read would block for good
        var check = Task.Factory.StartNew(() => DataCheck.Problem(Job(path, Sha(Bytes)), "w1"), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        string? problem = await check.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.NotNull(problem);
        Assert.StartsWith("worker w1: the data file " + path + " is a named pipe (FIFO)", problem, StringComparison.Ordinal);
    }
}
