using Baton.Core.Market;

namespace Baton.Research.Trials;

/// <summary>
/// The threads of one pass: <c>jobs</c> dedicated threads (not the thread pool, which CPU-heavy trials would starve),
/// fed the same batch of candles in step: <see cref="RunAsync"/> hands a batch to every thread and completes when every
/// trial has run over it, so the pass reads each batch once whatever <c>jobs</c>. Within a batch the threads take the
/// next trial not yet taken (a trial still trading costs far more than a frozen one, so fixed shares left one thread
/// idle); a trial runs over one batch on one thread, in candle order, and over the batches in order (the batch is
/// done everywhere before the next starts), so its result does not depend on <c>jobs</c> or on which thread ran it.
/// </summary>
internal sealed class PassWorkers : IDisposable
{
    private readonly IReadOnlyList<TrialRunner> _runners;
    private readonly Thread[] _threads;
    private readonly SemaphoreSlim[] _start;
    private TaskCompletionSource? _done;
    private int _pending;
    private int _next;       // the next trial to take in this batch
    private volatile bool _stopping;
    private Candle[] _candles = [];
    private int[] _symbols = [];
    private int _count;
    private BatchClock? _clock;

    public PassWorkers(IReadOnlyList<TrialRunner> runners, int jobs)
    {
        jobs = Math.Clamp(jobs, 1, Math.Max(1, Math.Min(runners.Count, Environment.ProcessorCount)));
        _runners = runners;
        _start = Enumerable.Range(0, jobs).Select(_ => new SemaphoreSlim(0)).ToArray();
        _threads = Enumerable.Range(0, jobs).Select(t => new Thread(() => Work(t))
        {
            IsBackground = true, Name = "baton-trials-" + t,
        }).ToArray();
        foreach (var thread in _threads) thread.Start();
    }

    /// <summary>Runs every trial over candles 0..<paramref name="count"/>−1 (valid until the returned task completes).</summary>
    public Task RunAsync(Candle[] candles, int[] symbols, int count, BatchClock? clock)
    {
        _clock = clock;
        _candles = candles;
        _symbols = symbols;
        _count = count;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _done = done;
        Volatile.Write(ref _next, 0);
        Volatile.Write(ref _pending, _threads.Length);
        foreach (var start in _start) start.Release();
        return done.Task;
    }

    /// <summary>Closes every trial's last timestamp and takes its outcome (<see cref="TrialRunner.Finish"/>), on the pass's
    /// threads; <paramref name="candles"/>, <paramref name="first"/> and <paramref name="last"/> describe the whole pass.</summary>
    public Task FinishAsync(long candles, long? first, long? last)
    {
        _extent = (candles, first, last);
        return RunAsync([], [], -1, null);
    }

    private (long Candles, long? First, long? Last) _extent;

    private void Work(int t)
    {
        var runners = _runners;
        while (true)
        {
            _start[t].Wait();
            if (_stopping) return;
            int count = _count;
            for (int i = Interlocked.Increment(ref _next) - 1; i < runners.Count; i = Interlocked.Increment(ref _next) - 1)
            {
                if (count < 0) runners[i].Finish(_extent.Candles, _extent.First, _extent.Last);
                else runners[i].Feed(_candles, _symbols, count, _clock!);
            }
            if (Interlocked.Decrement(ref _pending) == 0) _done!.TrySetResult();
        }
    }

    public void Dispose()
    {
        _stopping = true;
        foreach (var start in _start) start.Release();
        foreach (var thread in _threads) thread.Join();
        foreach (var start in _start) start.Dispose();
    }
}
