namespace Baton.Research.Tests.Report;

/// <summary>
/// Small sweep and walk-forward folders in the contracts' formats, hand-checkable: fast ∈ {5, 10, 15} × slow ∈ {20, 30};
/// trials 0–3 ran (best: trial 3, fast 10 slow 30, sharpe 1.5), trial 4 (15, 30) failed with an error holding a comma
/// and quotes, and (15, 20) was not run (outside the where).
/// </summary>
internal static class SweepFolders
{
    public const string Header = "trial,fast,slow,status,error,score,total_return,cagr,sharpe,max_drawdown,trades.trade_count,trades.win_rate,"
        + "orders,final_equity,final_state,candles,fills_hash";

    public static readonly string[] Rows =
    [
        "0,5,20,ok,,0.5,0.05,0.04,0.5,-0.2,12,0.5,24,10500,Trading,1000,aaa0",
        "1,5,30,ok,,1.2,0.12,0.1,1.2,-0.1,8,0.625,16,11200,Trading,1000,aaa1",
        "2,10,20,ok,,0.8,0.08,0.07,0.8,-0.15,10,0.6,20,10800,Trading,1000,aaa2",
        "3,10,30,ok,,1.5,0.2,0.18,1.5,-0.05,6,0.6666666666666666,12,12000,PositionOpen,1000,aaa3",
        "4,15,30,failed,\"period 15, \"\"too long\"\"\",,,,,,,,0,0,Initialized,0,",
    ];

    public const string Manifest = """
        {"version": 1, "kind": "sweep", "strategy": "sma_crossover.yaml", "strategy_hash": "abc", "set": {},
         "source": "synthetic", "data_hash": null, "from": null, "to": null,
         "parameters": [{"name": "fast", "values": ["5", "10", "15"]}, {"name": "slow", "values": ["20", "30"]}],
         "where": "fast < slow - 5", "objective": "sharpe", "search": {"kind": "grid", "trials": null, "seed": 1, "generation": null},
         "engine_version": "1.0.0-test"}
        """;

    public const string Robustness = """
        {"objective": "sharpe", "trials": 5, "best": {"trial": 3, "parameters": {"fast": "10", "slow": "30"}, "score": 1.5},
         "deflated_sharpe": {"sharpe": 1.5, "periods_per_year": 365, "returns": 400, "skewness": -0.1, "kurtosis": 4.2, "trials": 5,
                             "sharpe_variance": 0.0004, "expected_max_sharpe": 0.03, "probability": 0.91},
         "pbo": {"blocks": 4, "combinations": 6, "probability": 0.3333333333333333, "logits": [0.5, -0.2, 1.1, 0.3, -0.7, 0.9],
                 "degradation": {"slope": -0.4, "intercept": 0.2, "r2": 0.3, "probability_of_loss": 0.5}},
         "monte_carlo": {"paths": 1000, "seed": 7, "trades": 6, "initial_equity": 10000,
           "reshuffle": {"final_equity": {"p5": 12000, "p25": 12000, "p50": 12000, "p75": 12000, "p95": 12000, "mean": 12000,
                                          "histogram": {"edges": [11999, 12001], "counts": [1000]}},
                         "max_drawdown": {"p5": -0.12, "p25": -0.09, "p50": -0.06, "p75": -0.04, "p95": -0.02, "mean": -0.065,
                                          "histogram": {"edges": [-0.14, -0.1, -0.06, -0.02, 0], "counts": [80, 300, 420, 200]}}},
           "bootstrap": {"final_equity": {"p5": 10100, "p25": 11000, "p50": 12000, "p75": 12900, "p95": 14000, "mean": 12010,
                                          "histogram": {"edges": [9000, 10500, 12000, 13500, 15000], "counts": [90, 380, 400, 130]}},
                         "max_drawdown": {"p5": -0.2, "p25": -0.12, "p50": -0.07, "p75": -0.04, "p95": -0.01, "mean": -0.08,
                                          "histogram": {"edges": [-0.25, -0.15, -0.05, 0], "counts": [150, 500, 350]}}}},
         "sensitivity": [{"parameter": "fast", "best": "10", "points": [{"value": "5", "score": 1.2}, {"value": "10", "score": 1.5}, {"value": "15", "score": null}],
                          "shape": "spike", "neighbour_drop": 0.2},
                         {"parameter": "slow", "best": "30", "points": [{"value": "20", "score": 0.8}, {"value": "30", "score": 1.5}],
                          "shape": "slope", "neighbour_drop": 0.4666666666666667}]}
        """;

    public const string WalkForwardManifest = """
        {"version": 1, "kind": "walkforward", "strategy": "sma_crossover.yaml", "strategy_hash": "abc", "set": {},
         "source": "synthetic", "data_hash": null, "from": null, "to": null,
         "parameters": [{"name": "fast", "values": ["5", "10"]}, {"name": "slow", "values": ["20", "30"]}],
         "where": null, "objective": "sharpe", "search": {"kind": "grid", "trials": null, "seed": 1, "generation": null},
         "engine_version": "1.0.0-test"}
        """;

    public const string WalkForward = """
        {"objective": "sharpe", "train": "6M", "test": "1M", "step": "1M", "anchored": false,
         "windows": [
           {"index": 0, "train_from": "2024-01-01T00:00:00Z", "train_to": "2024-07-01T00:00:00Z", "test_from": "2024-07-01T00:00:00Z",
            "test_to": "2024-08-01T00:00:00Z", "trials": 4, "chosen": {"fast": "10", "slow": "30"},
            "in_sample": {"score": 1.4, "total_return": 0.1, "cagr": 0.2, "sharpe": 1.4, "max_drawdown": -0.05, "trades": 6},
            "out_of_sample": {"score": 0.9, "total_return": 0.01, "cagr": 0.12, "sharpe": 0.9, "max_drawdown": -0.02, "trades": 1}},
           {"index": 1, "train_from": "2024-02-01T00:00:00Z", "train_to": "2024-08-01T00:00:00Z", "test_from": "2024-08-01T00:00:00Z",
            "test_to": "2024-09-01T00:00:00Z", "trials": 4, "chosen": {"fast": "5", "slow": "30"},
            "in_sample": {"score": 1.1, "total_return": 0.08, "cagr": 0.16, "sharpe": 1.1, "max_drawdown": -0.06, "trades": 7},
            "out_of_sample": {"score": null, "total_return": 0, "cagr": 0, "sharpe": null, "max_drawdown": 0, "trades": 0}}],
         "efficiency": 0.55, "out_of_sample": {"score": 0.6, "total_return": 0.01, "cagr": 0.06, "sharpe": 0.6, "max_drawdown": -0.02, "trades": 1},
         "equity": [{"time": "2024-07-01T00:00:00Z", "equity": 10000, "window": 0}, {"time": "2024-07-15T00:00:00Z", "equity": 10150, "window": 0},
                    {"time": "2024-08-01T00:00:00Z", "equity": 10100, "window": 1}, {"time": "2024-09-01T00:00:00Z", "equity": 10100, "window": 1}]}
        """;

    /// <summary>A sweep folder: manifest.json, trials.csv (<paramref name="rows"/>, default <see cref="Rows"/>) and,
    /// when asked, robustness.json.</summary>
    public static string Sweep(bool robustness = true, IEnumerable<string>? rows = null, string header = Header)
    {
        string dir = TempDir();
        File.WriteAllText(Path.Combine(dir, "manifest.json"), Manifest);
        File.WriteAllText(Path.Combine(dir, "trials.csv"), string.Join("\n", [header, .. rows ?? Rows]) + "\n");
        if (robustness) File.WriteAllText(Path.Combine(dir, "robustness.json"), Robustness);
        return dir;
    }

    /// <summary>A walk-forward folder: manifest.json (kind walkforward) and walkforward.json; no trials.csv at the top.</summary>
    public static string WalkForwardFolder()
    {
        string dir = TempDir();
        File.WriteAllText(Path.Combine(dir, "manifest.json"), WalkForwardManifest);
        File.WriteAllText(Path.Combine(dir, "walkforward.json"), WalkForward);
        return dir;
    }

    public static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "baton-sweep-report-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
