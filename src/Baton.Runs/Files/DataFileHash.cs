namespace Baton.Runs.Files;

/// <summary>
/// The SHA-256 of a run's data file (for <c>manifest.json</c>), read on another thread from the moment it is
/// started, so that it is ready, or nearly, by the time the run ends. Disposing stops a hash still being read
/// (the run failed or was cancelled) and waits for it; its outcome no longer matters then.
/// </summary>
public sealed class DataFileHash : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;

    private DataFileHash(string path, CancellationToken cancellationToken)
    {
        Path = path;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Value = Task.Run(() => RunManifest.HashFile(path, _stop.Token), _stop.Token);
    }

    /// <summary>Starts hashing <paramref name="path"/>.</summary>
    public static DataFileHash Start(string path, CancellationToken cancellationToken = default) => new(path, cancellationToken);

    public string Path { get; }

    /// <summary>Lower-case hex SHA-256 of the file's bytes.</summary>
    public Task<string> Value { get; }

    public async ValueTask DisposeAsync()
    {
        if (!Value.IsCompleted)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await Value.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Stopped because the run ended without it: the run's own error (or cancellation) is the one reported.
            }
        }
        _stop.Dispose();
    }
}
