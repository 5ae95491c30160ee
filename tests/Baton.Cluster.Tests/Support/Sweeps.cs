using Baton.Cluster.Jobs;
using Baton.Cluster.Tests.Jobs;
using Baton.Research.Trials;

namespace Baton.Cluster.Tests.Support;

/// <summary>Sweeps as the client submits them: a job, batches of trials (by unit id), outcomes as workers write them.</summary>
internal static class Sweeps
{
    public static string NewKey() => "sweep-" + Guid.NewGuid().ToString("N")[..12];

    public static string JobJson() => (ClusterJobTests.Sample() with { DataSha256 = null, Results = null }).ToJson();

    public static TrialSpec[] Trials(int first, int count) =>
        [.. Enumerable.Range(first, count).Select(i => new TrialSpec(i, [new ParameterSetting("fast", i.ToString(System.Globalization.CultureInfo.InvariantCulture))]))];

    public static string TrialsJson(int first, int count) => ClusterJob.TrialsToJson(Trials(first, count));

    /// <summary>Outcomes of trials <paramref name="first"/>.. (any JSON: the store keeps bytes).</summary>
    public static (int Id, string Json)[] Outcomes(int first, int count, string tag = "a") =>
        [.. Enumerable.Range(first, count).Select(i => (i, $$"""{"id":{{i}},"tag":"{{tag}}"}"""))];
}
