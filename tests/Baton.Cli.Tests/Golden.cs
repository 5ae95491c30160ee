namespace Baton.Cli.Tests;

/// <summary>Pinned outcomes of the example strategies. A change here is a change of engine behaviour: explain it.</summary>
internal static class Golden
{
    public static readonly Dictionary<string, string> FillsHash = new()
    {
        ["sma_crossover"] = "4afe44367cab11e21c2f681095d34a0b1eb55ec8be5eed163e23804024169dc9",
        ["rsi_mean_reversion"] = "3937b3e08b54e0ce49fdabe6b6d9f4e1b93e9dd5641c0ebcb6a2024b28d2fddc",
        ["breakout_multi"] = "35a9dd1dded18c9371cb2c83be04a1d16b57bd624748ede76987af47b2f6780f",
    };

    public static readonly Dictionary<string, double> TotalReturn = new()
    {
        ["sma_crossover"] = -0.0006651609155804428,
        ["rsi_mean_reversion"] = -0.05207572520371173,
        ["breakout_multi"] = -0.2428406676357896,
    };
}
