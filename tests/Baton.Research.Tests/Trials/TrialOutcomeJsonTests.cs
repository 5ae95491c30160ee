using Baton.Engine.Data;
using Baton.Engine.Strategy;
using Baton.Engine.Tests.Trading;
using Baton.Research.Trials;

namespace Baton.Research.Tests.Trials;

public sealed class TrialOutcomeJsonTests
{
    /// <summary>The level strategy of the engine's tests, its level a trial's parameter.</summary>
    private sealed class LevelVariants : IStrategyVariants
    {
        public string SourceFile => "level.yaml";
        public IReadOnlyList<string> ParameterNames => ["level"];

        public StrategyDefinition Load(IReadOnlyList<ParameterSetting> settings) =>
            double.TryParse(settings[0].Value, System.Globalization.CultureInfo.InvariantCulture, out double level)
                ? TestStrategies.Level(level) : throw new InvalidTrialException("level: not a number");
    }

    private static async Task<IReadOnlyList<TrialOutcome>> OutcomesAsync()
    {
        var candles = TestStrategies.FromCloses(10, 11, 12, 9, 8, 13, 14, 10.5, 9.5, 12.25, 15, 11);
        var data = new TrialData(new MemoryCandleSource(candles), TimeRange.All);
        TrialSpec[] trials = [new(0, [new("level", "10")]), new(1, [new("level", "11.5")]), new(2, [new("level", "x")])];
        return await TrialBatch.RunAsync(new LevelVariants(), data, trials, 1, null, CancellationToken.None);
    }

    [Fact]
    public async Task An_outcome_reads_back_equal_and_writes_the_same_line()
    {
        var outcomes = await OutcomesAsync();
        Assert.True(outcomes[0].Orders > 0, "the trial traded");
        Assert.NotNull(outcomes[2].Error);
        foreach (var outcome in outcomes)
        {
            string line = TrialOutcomeJson.Write(outcome);
            Assert.DoesNotContain('\n', line);
            var back = TrialOutcomeJson.Read(line);
            Assert.Equal(line, TrialOutcomeJson.Write(back));
            Assert.Equal((outcome.Id, outcome.Orders, outcome.FillsHash, outcome.FinalEquity, outcome.FinalState, outcome.Candles, outcome.Error),
                (back.Id, back.Orders, back.FillsHash, back.FinalEquity, back.FinalState, back.Candles, back.Error));
            Assert.Equal(outcome.Settings, back.Settings);
            Assert.Equal(outcome.Metrics, back.Metrics);
        }
    }

    [Theory]
    [InlineData("null", "it is null")]
    [InlineData("[1]", "not the JSON object of a trial")]
    [InlineData("""{"id":1,"settings":[]}""", "neither metrics nor an error")]
    [InlineData("""{"id":1}""", "its parameters are missing")]
    public void A_line_no_trial_could_have_written_is_refused(string line, string why)
    {
        var e = Assert.Throws<InvalidDataException>(() => TrialOutcomeJson.Read(line));
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
    }
}
