using Baton.Core.Portfolio;

namespace Baton.Research.Robustness;

/// <summary>
/// Monte Carlo of a trade sequence: P paths of the best trial's trades, each path the trades reshuffled (a random
/// permutation of their order) or bootstrapped (n draws with replacement), and the distribution of the path's final
/// equity and maximum drawdown.
/// <para>A trade compounds by its <b>return on the equity at its entry</b>: r = P&amp;L / E_entry, where E_entry is the
/// initial equity plus the net P&amp;L of every trade closed at or before the trade's entry (the realised equity the
/// sizer saw, less open trades' unrealised P&amp;L); a path is E_k = E_(k−1) · (1 + r_k) from the initial equity, at
/// least 0 (a path that loses everything stays at 0). Returns rather than money because the strategies size by
/// equity (a fraction, a risk budget): the same trade placed after a loss is smaller, so money P&amp;L moved to
/// another point of the path would misstate it, and money could drive a path below 0. A consequence, true of money
/// too: the final equity is the same for every reshuffle (a product does not depend on order); the reshuffle's
/// information is in its drawdowns, the bootstrap's in both.</para>
/// <para>The drawdown of a path is the lowest E_k / max(E_0..E_k) − 1 over its trade-by-trade equity (a fraction ≤ 0,
/// as the metrics' <c>max_drawdown</c>). Deterministic: one <see cref="Random"/> seeded with the seed for the
/// reshuffles and one seeded with seed + 1 for the bootstrap, paths drawn in order.</para>
/// </summary>
public sealed record TradeMonteCarlo(int Paths, int Seed, int Trades, double InitialEquity,
    PathDistributions Reshuffle, PathDistributions Bootstrap)
{
    public const int DefaultPaths = 1000;

    /// <summary>The returns on equity at entry of <paramref name="trades"/>, in exit order (the order they closed).</summary>
    public static double[] Returns(IReadOnlyList<Trade> trades, double initialEquity)
    {
        ArgumentNullException.ThrowIfNull(trades);
        var byExit = trades.Select((t, i) => (t, i)).OrderBy(p => p.t.ExitTime).ThenBy(p => p.i).Select(p => p.t).ToArray();
        var exits = byExit.Select(t => t.ExitTime).ToArray();
        var realised = new decimal[byExit.Length + 1];   // realised[k]: net P&L of the first k trades to close
        for (int k = 0; k < byExit.Length; k++) realised[k + 1] = realised[k] + byExit[k].Pnl;
        var returns = new double[byExit.Length];
        for (int k = 0; k < byExit.Length; k++)
        {
            int closedBefore = ClosedBy(exits, byExit[k].EntryTime);
            double entryEquity = initialEquity + (double)realised[closedBefore];
            returns[k] = entryEquity > 0 ? (double)byExit[k].Pnl / entryEquity : -1.0;
        }
        return returns;
    }

    /// <summary>How many of the ascending <paramref name="exits"/> are at or before <paramref name="time"/>.</summary>
    private static int ClosedBy(long[] exits, long time)
    {
        int lo = 0, hi = exits.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (exits[mid] <= time) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>The simulation over <paramref name="returns"/> (at least one); null when there is none.</summary>
    public static TradeMonteCarlo? Of(IReadOnlyList<double> returns, double initialEquity, int paths, int seed)
    {
        ArgumentNullException.ThrowIfNull(returns);
        ArgumentOutOfRangeException.ThrowIfLessThan(paths, 1);
        if (returns.Count == 0) return null;
        var reshuffled = Simulate(returns, initialEquity, paths, new Random(seed), replace: false);
        var bootstrapped = Simulate(returns, initialEquity, paths, new Random(unchecked(seed + 1)), replace: true);
        return new TradeMonteCarlo(paths, seed, returns.Count, initialEquity, reshuffled, bootstrapped);
    }

    private static PathDistributions Simulate(IReadOnlyList<double> returns, double initialEquity, int paths, Random random,
        bool replace)
    {
        var finals = new double[paths];
        var drawdowns = new double[paths];
        var path = returns.ToArray();
        for (int p = 0; p < paths; p++)
        {
            if (replace) Draw(returns, path, random);
            else Shuffle(path, random);
            (finals[p], drawdowns[p]) = Walk(path, initialEquity);
        }
        return new PathDistributions(Distribution.Of(finals), Distribution.Of(drawdowns));
    }

    /// <summary>Fisher–Yates: every order equally likely.</summary>
    private static void Shuffle(double[] path, Random random)
    {
        for (int i = path.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (path[i], path[j]) = (path[j], path[i]);
        }
    }

    private static void Draw(IReadOnlyList<double> returns, double[] path, Random random)
    {
        for (int i = 0; i < path.Length; i++) path[i] = returns[random.Next(returns.Count)];
    }

    /// <summary>The final equity and the maximum drawdown of one path of returns.</summary>
    internal static (double Final, double MaxDrawdown) Walk(IReadOnlyList<double> path, double initialEquity)
    {
        double equity = initialEquity, peak = initialEquity, deepest = 0;
        foreach (double r in path)
        {
            equity = Math.Max(0.0, equity * (1 + r));
            peak = Math.Max(peak, equity);
            deepest = Math.Min(deepest, equity / peak - 1);
        }
        return (equity, deepest);
    }
}

/// <summary>The final equity and maximum drawdown over a simulation's paths.</summary>
public sealed record PathDistributions(Distribution FinalEquity, Distribution MaxDrawdown);
