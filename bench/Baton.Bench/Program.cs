using Baton.Bench;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Baton.Bench -- --filter '*'   BenchmarkDotNet throughput
// dotnet run -c Release --project bench/Baton.Bench -- --alloc        bytes per candle after warm-up
// dotnet run -c Release --project bench/Baton.Bench -- --indicator-cpu [NAME...]  ns per indicator update, thread CPU time
if (args is ["--alloc"]) return AllocationProbe.Run();
if (args is ["--indicator-cpu", .. var names]) return IndicatorCpuProbe.Run(names);
BenchmarkSwitcher.FromAssembly(typeof(EngineThroughput).Assembly).Run(args);
return 0;
