namespace Baton.Engine.Live.Bus;

/// <summary>
/// The idle wait of a polling bus, cut short when something says new entries may be waiting (a publish in process, a
/// Redis keyspace notification). <see cref="Arm"/> before each poll, <see cref="Set"/> from any thread when entries may
/// have arrived: a <see cref="Set"/> after the last <see cref="Arm"/> makes <see cref="WaitAsync"/> return at once, so a
/// wake-up between an empty poll and the wait is never lost. A wake-up is a hint, never a promise: the caller polls anyway.
/// </summary>
public sealed class Wakeup
{
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _set;

    /// <summary>Forgets earlier wake-ups: call it just before polling.</summary>
    public void Arm() => Volatile.Write(ref _set, 0);

    /// <summary>New entries may be waiting: ends the current wait, or the next one when none is under way. Thread-safe.</summary>
    public void Set()
    {
        Volatile.Write(ref _set, 1);
        Interlocked.Exchange(ref _signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Returns after <paramref name="timeout"/>, or sooner on a <see cref="Set"/> since the last <see cref="Arm"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        var signal = Volatile.Read(ref _signal).Task;   // read before the flag: a Set after this completes this very task
        if (Volatile.Read(ref _set) == 1) return;
        try
        {
            await signal.WaitAsync(timeout, clock, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
    }
}
