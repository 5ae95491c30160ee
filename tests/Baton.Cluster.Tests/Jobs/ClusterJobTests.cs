using Baton.Cluster.Jobs;
using Baton.Research.Trials;

namespace Baton.Cluster.Tests.Jobs;

public sealed class ClusterJobTests
{
    internal static ClusterJob Sample() =>
        new("/strategies/sma.yaml", "name: sma\nsymbols: [BTCUSDT]\n",
            new SortedDictionary<string, string>(StringComparer.Ordinal) { ["fee"] = "0.1%", ["size"] = "10%" },
            Resample: false, "/data/btc.csv", "ab12cd34", "2024-01-01T00:00:00Z", "2024-06-01T00:00:00Z")
        {
            Manifest = """{"parameters":["fast=5..9"]}""",
            Results = "postgresql://db/baton",
        };

    [Fact]
    public void A_job_reads_back_as_written()
    {
        var job = Sample();
        var back = ClusterJob.Parse(job.ToJson());
        Assert.Equal(job.ToJson(), back.ToJson());
        Assert.Equal((job.StrategyFile, job.StrategyText, job.Resample, job.Data, job.DataSha256, job.From, job.To, job.Manifest, job.Version),
            (back.StrategyFile, back.StrategyText, back.Resample, back.Data, back.DataSha256, back.From, back.To, back.Manifest, back.Version));
        Assert.Equal(job.Results, back.Results);
        Assert.Equal(job.Fixed.OrderBy(e => e.Key, StringComparer.Ordinal), back.Fixed.OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.Equal(job.Key(), back.Key());
    }

    [Fact]
    public void A_job_without_data_or_range_reads_back_as_written()
    {
        var job = new ClusterJob("s.yaml", "name: s\n", new Dictionary<string, string>(), true, null, null, null, null);
        var back = ClusterJob.Parse(job.ToJson());
        Assert.Equal(job.ToJson(), back.ToJson());
        Assert.True(back.Resample);
        Assert.Null(back.Data);
        Assert.Empty(back.Fixed);
    }

    [Fact]
    public void The_key_is_the_same_for_the_same_job_built_twice()
    {
        Assert.Equal(Sample().Key(), Sample().Key());
        Assert.Matches("^[0-9a-f]{32}$", Sample().Key());
    }

    public static TheoryData<string, ClusterJob> Changed() => new()
    {
        { "strategy file", Sample() with { StrategyFile = "/strategies/other.yaml" } },
        { "strategy text", Sample() with { StrategyText = "name: sma\nsymbols: [ETHUSDT]\n" } },
        { "fixed value", Sample() with { Fixed = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["fee"] = "0.2%", ["size"] = "10%" } } },
        { "fixed name", Sample() with { Fixed = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["fee"] = "0.1%" } } },
        { "resample", Sample() with { Resample = true } },
        { "data", Sample() with { Data = "/data/eth.csv" } },
        { "data hash", Sample() with { DataSha256 = "ab12cd35" } },
        { "no data hash", Sample() with { DataSha256 = null } },
        { "from", Sample() with { From = "2024-01-02T00:00:00Z" } },
        { "to", Sample() with { To = null } },
        { "manifest", Sample() with { Manifest = """{"parameters":["fast=5..10"]}""" } },
        { "version", Sample() with { Version = 2 } },
        { "results", Sample() with { Results = null } },
    };

    [Theory]
    [MemberData(nameof(Changed))]
    public void The_key_changes_with_every_field(string field, ClusterJob changed)
    {
        Assert.False(Sample().Key() == changed.Key(), $"the key did not change with the {field}");
    }

    [Fact]
    public void A_job_of_another_version_is_refused_with_both_versions_named()
    {
        string json = Sample().ToJson().Replace("\"version\":1", "\"version\":2", StringComparison.Ordinal);
        Assert.Contains("\"version\":2", json, StringComparison.Ordinal);
        var e = Assert.Throws<InvalidDataException>(() => ClusterJob.Parse(json));
        Assert.Contains("version 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("reads version 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("the same Baton on every machine", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "not one this Baton can read")]
    [InlineData("{", "not one this Baton can read")]
    [InlineData("not json", "not one this Baton can read")]
    [InlineData("[]", "not one this Baton can read")]
    [InlineData("""{"version":"one"}""", "not one this Baton can read")]
    [InlineData("null", "is empty")]
    [InlineData("{}", "has no strategy")]
    [InlineData("""{"version":1,"strategy_file":"s.yaml","fixed":{}}""", "has no strategy")]
    public void A_malformed_job_is_refused_with_a_one_line_reason(string json, string why)
    {
        var e = Assert.Throws<InvalidDataException>(() => ClusterJob.Parse(json));
        Assert.StartsWith("the sweep's job ", e.Message, StringComparison.Ordinal);
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Trials_read_back_as_written()
    {
        TrialSpec[] trials = [new(3, [new("fast", "5"), new("slow", "20")]), new(7, [new("fast", "9"), new("slow", "1.5%")])];
        var back = ClusterJob.TrialsOf(ClusterJob.TrialsToJson(trials));
        Assert.Equal(trials.Select(t => t.Id), back.Select(t => t.Id));
        Assert.Equal(trials.SelectMany(t => t.Settings), back.SelectMany(t => t.Settings));
    }

    [Fact]
    public void A_batch_without_trials_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => ClusterJob.TrialsOf("null"));
    }
}
