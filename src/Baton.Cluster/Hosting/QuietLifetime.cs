using Microsoft.Extensions.Hosting;

namespace Baton.Cluster.Hosting;

/// <summary>A host lifetime that leaves signals to the <c>baton</c> command (Ctrl-C cancels the command, which stops
/// the host in order), instead of the console lifetime's own handlers.</summary>
internal sealed class QuietLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
