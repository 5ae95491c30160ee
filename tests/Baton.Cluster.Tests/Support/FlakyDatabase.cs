using System.Reflection;
using StackExchange.Redis;

namespace Baton.Cluster.Tests.Support;

/// <summary>A Redis database whose first writes of results fail as a dropped connection does (the real database answers
/// everything else): a store that went away for a moment under a worker.</summary>
public class FlakyDatabase : DispatchProxy
{
    private IDatabase _inner = null!;
    private int _failuresLeft;

    /// <summary>How many writes failed.</summary>
    public int Failed { get; private set; }

    internal static IDatabase Over(IDatabase inner, int failures, out FlakyDatabase flaky)
    {
        var proxy = Create<IDatabase, FlakyDatabase>();
        flaky = (FlakyDatabase)(object)proxy;
        (flaky._inner, flaky._failuresLeft) = (inner, failures);
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IDatabase.HashSetAsync) && args is [RedisKey key, _, _, When.NotExists, _]
            && key.ToString().EndsWith(":results", StringComparison.Ordinal) && Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            Failed++;
            throw new RedisConnectionException(ConnectionFailureType.SocketFailure, "test: the store went away");
        }
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}
