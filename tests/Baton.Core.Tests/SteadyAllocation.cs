namespace Baton.Core.Tests;

/// <summary>
/// What a piece of code allocates once the runtime has settled. The runtime itself can allocate on the measuring thread
/// now and then while hot code is recompiled (a few kilobytes, once); code that allocates per call does so in every round.
/// So a round is measured up to <c>rounds</c> times and the smallest count is returned: zero only when some whole round
/// allocated nothing.
/// </summary>
internal static class SteadyAllocation
{
    public static long Bytes(Action round, int rounds = 3)
    {
        long least = long.MaxValue;
        for (int r = 0; r < rounds && least > 0; r++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            round();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return least;
    }
}
