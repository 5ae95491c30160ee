using System.Runtime.ExceptionServices;

namespace Baton.Research.Trials;

/// <summary>CPU-heavy work split over dedicated threads (not the thread pool, which it would starve), awaited without
/// blocking the caller: item i runs on thread i mod jobs. A failure is the one of the lowest item that failed, so which
/// error surfaces does not depend on the threads' timing.</summary>
internal static class DedicatedThreads
{
    public static Task RunAsync(int count, int jobs, Action<int> body)
    {
        jobs = Math.Clamp(jobs, 1, Math.Max(1, Math.Min(count, Environment.ProcessorCount)));
        if (count == 0) return Task.CompletedTask;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new Exception?[count];
        int pending = jobs;
        for (int t = 0; t < jobs; t++)
        {
            int first = t;
            new Thread(() =>
            {
                for (int i = first; i < count; i += jobs)
                {
                    try { body(i); }
                    catch (Exception e) { errors[i] = e; }
                }
                if (Interlocked.Decrement(ref pending) > 0) return;
                if (Array.Find(errors, e => e is not null) is { } error) done.SetException(ExceptionDispatchInfo.Capture(error).SourceException);
                else done.SetResult();
            }) { IsBackground = true, Name = "baton-trials-prepare-" + t }.Start();
        }
        return done.Task;
    }
}
