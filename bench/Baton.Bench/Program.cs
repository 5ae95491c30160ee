using Baton.Bench;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Baton.Bench -- --filter '*'   BenchmarkDotNet throughput
// dotnet run -c Release --project bench/Baton.Bench -- --alloc        bytes per candle after warm-up
// dotnet run -c Release --project bench/Baton.Bench -- --components   external vs built-in SMA, phases timed once
if (args is ["--alloc"]) return AllocationProbe.Run();
if (args is ["--components"]) return ExternalInputs.Probe();
BenchmarkSwitcher.FromAssembly(typeof(EngineThroughput).Assembly).Run(args);
return 0;
