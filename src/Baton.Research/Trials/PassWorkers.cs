using Baton.Core.Market;

namespace Baton.Research.Trials;

/// <summary>
/// The threads of one pass: <c>jobs</c> dedicated threads (not the thread pool, which CPU-heavy trials would starve),
/// each owning every <c>jobs</c>-th trial, fed the same batch of candles in step: <see cref="RunAsync"/> hands a batch to
/// every thread and completes when all of them have run their trials over it, so the pass reads each batch once
/// whatever <c>jobs</c>. A trial only ever runs on its own thread, in candle order, so its result does not depend on
/// <c>jobs</c>.
/// </summary>
internal sealed class PassWorkers : IDisposable
{
    private readonly TrialRunner[][] _owned;
    private readonly Thread[] _threads;
    private readonly SemaphoreSlim[] _start;
    private TaskCompletionSource? _done;
    private int _pending;
    private volatile bool _stopping;
    private Candle[] _candles = [];
    private int[] _symbols = [];
    private int _count;
    private BatchClock? _clock;

    public PassWorkers(IReadOnlyList<TrialRunner> runners, int jobs)
    {
        jobs = Math.Clamp(jobs, 1, Math.Max(1, Math.Min(runners.Count, Environment.ProcessorCount)));
        _owned = Enumerable.Range(0, jobs).Select(t => runners.Where((_, i) => i % jobs == t).ToArray()).ToArray();
        _start = _owned.Select(_ => new SemaphoreSlim(0)).ToArray();
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
        Volatile.Write(ref _pending, _threads.Length);
        foreach (var start in _start) start.Release();
        return done.Task;
    }

    /// <summary>Closes every trial's last timestamp (on the trial's own thread).</summary>
    public Task FinishAsync() => RunAsync([], [], -1, null);

    private void Work(int t)
    {
        var owned = _owned[t];
        while (true)
        {
            _start[t].Wait();
            if (_stopping) return;
            int count = _count;
            foreach (var runner in owned)
            {
                if (count < 0) runner.Finish();
                else runner.Feed(_candles, _symbols, count, _clock!);
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
