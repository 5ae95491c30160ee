using Baton.Bench;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Baton.Bench -- --filter '*'   BenchmarkDotNet throughput
// dotnet run -c Release --project bench/Baton.Bench -- --alloc        bytes per candle after warm-up
// dotnet run -c Release --project bench/Baton.Bench -- --read SOURCE SYMBOL TIMEFRAME   candles/s of one source (bench/data.sh)
// dotnet run -c Release --project bench/Baton.Bench -- --indicator-cpu [NAME...]  ns per indicator update, thread CPU time
// dotnet run -c Release --project bench/Baton.Bench -- --components   external vs built-in SMA, phases timed once
// dotnet run -c Release --project bench/Baton.Bench -- --engine-cpu [PASSES]  engine vs hand-written loop, thread CPU time
// dotnet run -c Release --project bench/Baton.Bench -- --loop STRATEGY DATA [RUNS]  the backtest loop over a file, no output files
// dotnet run -c Release --project bench/Baton.Bench -- --live [REDIS_URL]   live latency (p50/p99) and signals/s, durable journal
// dotnet run -c Release --project bench/Baton.Bench -- --restart [INPUTS...]   live restart: snapshot + tail vs full re-feed
// dotnet run -c Release --project bench/Baton.Bench -- --sweep [TRIALS] [CANDLES] [JOBS...]   trials sharing passes vs single backtests
if (args is ["--sweep", .. var sweep])
{
    int Arg(int i, int fallback) => sweep.Length > i ? int.Parse(sweep[i], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    return await SweepProbe.RunAsync(Arg(0, 1000), Arg(1, 1_000_000), sweep.Length > 2 ? [.. sweep[2..].Select(j => int.Parse(j, System.Globalization.CultureInfo.InvariantCulture))] : [1, 2]);
}
if (args is ["--restart", .. var inputs])
    return await RestartProbe.RunAsync(inputs.Length == 0 ? [10_000, 100_000, 1_000_000]
        : [.. inputs.Select(i => long.Parse(i, System.Globalization.CultureInfo.InvariantCulture))]);
if (args is ["--alloc"]) return AllocationProbe.Run();
if (args is ["--read", var source, var symbol, var timeframe]) return await DataReadProbe.RunAsync(source, symbol, timeframe);
if (args is ["--indicator-cpu", .. var names]) return IndicatorCpuProbe.Run(names);
if (args is ["--loop", var strategy, var data, .. var runs])
    return await BacktestLoopProbe.RunAsync(strategy, data, runs is [var r] ? int.Parse(r, System.Globalization.CultureInfo.InvariantCulture) : 3);
if (args is ["--engine-cpu", .. var passes])
    return EngineCpuProbe.Run(passes is [var p] ? int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) : 9);
if (args is ["--components"]) return ExternalInputs.Probe();
if (args is ["--live", .. var redis]) return await LiveProbe.RunAsync(redis.FirstOrDefault());
BenchmarkSwitcher.FromAssembly(typeof(EngineThroughput).Assembly).Run(args);
return 0;
