using System.Collections.Concurrent;
using Baton.Engine.Data.Files;
using Baton.Runs.Files;

namespace Baton.Cluster.Jobs;

/// <summary>Whether this machine's copy of a job's data file is the sweep's: its SHA-256 against the manifest's. The hash
/// of a file is kept while its length and write time stay the same.</summary>
public static class DataCheck
{
    private static readonly ConcurrentDictionary<(string Path, long Length, DateTime Written), string> Hashes = new();

    /// <summary>Null when the file is the sweep's (or the job names no file), else why this worker refuses it.</summary>
    public static string? Problem(ClusterJob job, string worker)
    {
        if (job.DataSha256 is null || job.Data is null) return null;
        if (!File.Exists(job.Data) && !Directory.Exists(job.Data))
            return $"worker {worker}: the data file {job.Data} does not exist on this machine; copy the sweep's data there (the same path on every worker)";
        // a folder, a FIFO (opening it waits for a writer forever), a device or a socket is refused before it is opened
        if (InputFile.Problem(job.Data) is { } problem)
            return $"worker {worker}: the data file {job.Data} {problem}; copy the sweep's data file there (the same path on every worker)";
        var file = new FileInfo(job.Data);
        string hash;
        try
        {
            hash = Hashes.GetOrAdd((file.FullName, file.Length, file.LastWriteTimeUtc), _ => RunManifest.HashFile(file.FullName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"worker {worker}: the data file {job.Data} cannot be read on this machine: {e.Message}";
        }
        return string.Equals(hash, job.DataSha256, StringComparison.OrdinalIgnoreCase) ? null
            : $"worker {worker}: the data file {job.Data} has SHA-256 {hash[..12]}…, the sweep's manifest has {job.DataSha256[..Math.Min(12, job.DataSha256.Length)]}…; "
              + "this worker refuses the sweep rather than compute other results (copy the same file to it)";
    }
}
