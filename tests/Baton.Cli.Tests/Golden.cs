namespace Baton.Cli.Tests;

/// <summary>Pinned outcomes of the example strategies. A change here is a change of engine behaviour: explain it.</summary>
internal static class Golden
{
    public static readonly Dictionary<string, string> FillsHash = new()
    {
        ["sma_crossover"] = "05300190edefc1aa84078ecc8c35e1bda6334e1033882f95212f6d25fb37ec0c",
        ["rsi_mean_reversion"] = "dc1b952f3033e67d39f71929247b3d52ca45098c405280025d3adbb51cd9f447",
        ["breakout_multi"] = "7c304f47ab53a62dc932d20efa8e5a5e32f5d7516bc6730e3e492cc4e89b263c",
    };

    public static readonly Dictionary<string, double> TotalReturn = new()
    {
        ["sma_crossover"] = -0.0006651609155804428,
        ["rsi_mean_reversion"] = -0.05207572520371173,
        ["breakout_multi"] = -0.2428406676357896,
    };
}
