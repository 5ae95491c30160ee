using Baton.Core.Market;
using Baton.Engine.Live;

namespace Baton.Engine.Tests.Live;

public sealed class LiveMessageParserTests
{
    [Fact]
    public void Candle_written_by_the_writer_parses_back_with_its_key()
    {
        var c = new Candle(86_400_000, 100, 102, 99, 101, 5);
        var m = LiveMessageParser.Parse(LiveStreams.Prices, "1-0", LiveMessageWriter.Candle("feed", 7, "BTCUSDT", Timeframe.OneDay, c));
        Assert.Equal(LiveMessageKind.Candle, m.Kind);
        Assert.Equal(c, m.Candle);
        Assert.Equal(("feed", 7L, "BTCUSDT"), (m.Producer, m.Sequence, m.Symbol));
        Assert.Equal("candle/BTCUSDT/86400000", m.Key);
    }

    [Fact]
    public void Signal_parses_with_defaults_and_a_producer_scoped_key()
    {
        var m = LiveMessageParser.Parse(LiveStreams.Signals, "1-0",
            """{"v":1,"type":"signal","producer":"ml","seq":3,"id":"abc/1","symbol":"ETH","signal":"ml_signal","direction":-1}""");
        Assert.Equal((LiveMessageKind.Signal, -1, 1.0, "signal/ml/abc/1"), (m.Kind, m.Direction, m.Strength, m.Key));
    }

    [Theory]
    [InlineData("not json", "data: expected JSON")]
    [InlineData("""{"v":2,"type":"signal","producer":"p","seq":1}""", "v: expected schema version 1, got 2")]
    [InlineData("""{"v":1,"type":"candle","producer":"p","seq":1}""", "type: expected \"signal\" on signals:live, got \"candle\"")]
    [InlineData("""{"v":1,"type":"signal","producer":"p","seq":0}""", "seq: expected a sequence number >= 1, got 0")]
    [InlineData("""{"v":1,"type":"signal","producer":"p","seq":1,"id":"x","symbol":"A","signal":"ml","direction":7}""", "direction: expected -1, 0 or 1, got 7")]
    [InlineData("""{"v":1,"type":"signal","producer":"p","seq":1,"symbol":"A","signal":"ml","direction":1}""", "id: missing")]
    [InlineData("""{"v":1,"type":"signal","producer":"p","seq":"1"}""", "seq: expected an integer, got \"1\"")]
    public void Invalid_signal_names_stream_entry_and_field(string json, string expected)
    {
        var e = Assert.Throws<LiveMessageException>(() => LiveMessageParser.Parse(LiveStreams.Signals, "17-3", json));
        Assert.StartsWith("signals:live 17-3: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Candle_with_high_below_low_is_refused_by_the_shared_validator()
    {
        string json = """{"v":1,"type":"candle","producer":"p","seq":1,"symbol":"A","ts":"2024-01-01T00:00:00Z","open":10,"high":9,"low":11,"close":10,"volume":1}""";
        var e = Assert.Throws<LiveMessageException>(() => LiveMessageParser.Parse(LiveStreams.Prices, "5-0", json));
        Assert.Equal("high", e.Field);
    }

    [Theory]
    [InlineData(null, "*")]
    [InlineData("*", "*")]
    [InlineData("momentum", "momentum")]
    public void Stop_names_the_strategy_it_stops_and_without_a_name_stops_every_one(string? strategy, string target)
    {
        var m = LiveMessageParser.Parse(LiveStreams.Control, "1-0", LiveMessageWriter.Stop("cli", 1, "x", "desk closed", strategy));
        Assert.Equal((LiveMessageKind.Stop, "desk closed", target), (m.Kind, m.Reason, m.Target));
    }

    [Fact]
    public void Stop_whose_strategy_is_not_a_string_is_refused_naming_the_field()
    {
        var e = Assert.Throws<LiveMessageException>(() => LiveMessageParser.Parse(LiveStreams.Control, "2-0",
            """{"v":1,"type":"stop","producer":"p","seq":1,"id":"x","strategy":7}"""));
        Assert.Equal("strategy", e.Field);
    }
}
