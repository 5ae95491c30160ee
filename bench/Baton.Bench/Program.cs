using Baton.Bench;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Baton.Bench -- --filter '*'   BenchmarkDotNet throughput
// dotnet run -c Release --project bench/Baton.Bench -- --alloc        bytes per candle after warm-up
if (args is ["--alloc"]) return AllocationProbe.Run();
BenchmarkSwitcher.FromAssembly(typeof(EngineThroughput).Assembly).Run(args);
return 0;
