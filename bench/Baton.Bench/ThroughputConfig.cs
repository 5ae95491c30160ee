using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Baton.Bench;

/// <summary>
/// A short job for a 2-core machine: one process per case, 10 warm-up and 5 measured iterations of one
/// invocation each (an invocation is a whole run of 1 M or 10 M candles, long enough to time on its own).
/// Tiered compilation starts counting calls at once (<c>TC_CallCountingDelayMs=0</c>): with the default
/// 100 ms quiet period, which BenchmarkDotNet's own work between short (~17 ms) iterations keeps resetting,
/// the hand-written loop sometimes stayed in slow code through every iteration of a 1 M case (half its
/// speed); with counting from the start every case is steady from its first iterations. Adds candles/s and
/// bytes/candle to the summary table.
/// </summary>
public sealed class ThroughputConfig : ManualConfig
{
    public ThroughputConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(10).WithIterationCount(5)
            .WithInvocationCount(1).WithUnrollFactor(1)
            .WithEnvironmentVariables(new EnvironmentVariable("DOTNET_TC_CallCountingDelayMs", "0"))
            .WithId("Short"));
        AddColumn(new PerCandleColumn("Candles/s", PerCandleColumn.Kind.Throughput));
        AddColumn(new PerCandleColumn("B/candle", PerCandleColumn.Kind.Allocation));
    }
}

/// <summary>A column derived from the mean time or the bytes allocated per invocation, divided by the
/// <c>Candles</c> parameter of the case (every invocation processes that many candles).</summary>
public sealed class PerCandleColumn(string name, PerCandleColumn.Kind kind) : IColumn
{
    public enum Kind
    {
        Throughput,
        Allocation,
    }

    public string Id => nameof(PerCandleColumn) + name;
    public string ColumnName => name;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => kind == Kind.Throughput
        ? "Candles processed per second (Candles / Mean)"
        : "Bytes allocated per candle (Allocated / Candles), engine construction included";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report is null || benchmarkCase.Parameters["Candles"] is not int candles) return "-";
        if (kind == Kind.Throughput)
            return report.ResultStatistics is { } stats ? (candles / (stats.Mean / 1e9)).ToString("N0", style.CultureInfo) : "-";
        long? bytes = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
        return bytes is { } b ? ((double)b / candles).ToString("0.####", style.CultureInfo) : "-";
    }
}
