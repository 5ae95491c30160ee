namespace Baton.Cli.Tests;

/// <summary>Pinned outcomes of the example strategies. A change here is a change of engine behaviour: explain it.</summary>
internal static class Golden
{
    public static readonly Dictionary<string, string> FillsHash = new()
    {
        ["sma_crossover"] = "4afe44367cab11e21c2f681095d34a0b1eb55ec8be5eed163e23804024169dc9",
        ["rsi_mean_reversion"] = "3937b3e08b54e0ce49fdabe6b6d9f4e1b93e9dd5641c0ebcb6a2024b28d2fddc",
        // issue 17: a sizing block sizes in fractions by default (it bought whole units before, unlike position_size)
        ["breakout_multi"] = "820ebbbbeaa517f402060347bf85cdb620e232d93f82641db273dc7c687de606",
    };

    public static readonly Dictionary<string, double> TotalReturn = new()
    {
        ["sma_crossover"] = -0.0006651609155804428,
        ["rsi_mean_reversion"] = -0.05207572520371173,
        ["breakout_multi"] = -0.242988958589213,   // issue 17, as above; = Σ trades.csv pnl / initial cash (it ends flat)
    };
}
