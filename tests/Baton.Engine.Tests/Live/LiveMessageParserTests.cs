using Baton.Core.Market;
using Baton.Engine.Live;
using Baton.Engine.Live.Messages;

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

    private const string CandleJson = """{"v":1,"type":"candle","producer":"p","seq":1,"symbol":"A","ts":0,"open":100,"high":101,"low":99,"close":100,"volume":10}""";
    private const string TradeJson = """{"v":1,"type":"trade","producer":"p","seq":1,"symbol":"A","ts":0,"price":100,"size":1}""";
    private const string QuoteJson = """{"v":1,"type":"quote","producer":"p","seq":1,"symbol":"A","ts":0,"bid":99,"ask":101}""";
    private const string SignalJson = """{"v":1,"type":"signal","producer":"p","seq":1,"id":"x","symbol":"A","signal":"ml","direction":1,"strength":1}""";
    private const string StopJson = """{"v":1,"type":"stop","producer":"p","seq":1,"id":"x"}""";

    /// <summary>Every numeric field of every message kind with a value no exact ledger can take (not-a-number, infinities
    /// (1e309 reads as one), 1e308, 1e30, -0, huge sizes and times): (stream, message, the located problem expected).</summary>
    public static TheoryData<string, string, string> HostileNumbers()
    {
        var rows = new TheoryData<string, string, string>();
        void Row(string stream, string json, string field, string value, string expected) =>
            rows.Add(stream, json.Replace($"\"{field}\":", $"\"{field}\":{value},\"was_{field}\":", StringComparison.Ordinal), $"{field}: {expected}");
        string p = LiveStreams.Prices, s = LiveStreams.Signals, c = LiveStreams.Control;
        Row(p, CandleJson, "open", "\"NaN\"", "expected a finite number, got \"NaN\"");
        Row(p, CandleJson, "high", "1e309", "expected a finite number, got 1e309");
        Row(p, CandleJson, "low", "-1e309", "expected a finite number, got -1e309");
        Row(p, CandleJson, "close", "1e308", "expected close within [1E-08, 1000000000000]");
        Row(p, CandleJson, "open", "1e30", "expected open within [1E-08, 1000000000000]");
        Row(p, CandleJson, "open", "-0", "expected open > 0, got -0");
        Row(p, CandleJson, "volume", "1e19", "expected volume <= 1E+18, got 1E+19");
        Row(p, CandleJson, "volume", "\"Infinity\"", "expected a finite number, got \"Infinity\"");
        Row(p, CandleJson, "ts", "9223372036854775807", "expected a time within years 1 to 9999, got 9223372036854775807");
        Row(p, CandleJson, "ts", "1e30", "expected Unix milliseconds or an ISO-8601 UTC time, got 1e30");
        Row(p, CandleJson, "seq", "1e30", "expected an integer, got 1e30");
        Row(p, CandleJson, "v", "1e309", "expected an integer, got 1e309");
        Row(p, TradeJson, "price", "1e30", "expected a price within [1E-08, 1000000000000], got 1E+30");
        Row(p, TradeJson, "price", "-0", "expected a price within [1E-08, 1000000000000], got -0");
        Row(p, TradeJson, "price", "\"-Infinity\"", "expected a finite number, got \"-Infinity\"");
        Row(p, TradeJson, "size", "1e30", "expected size within [0, 1E+18], got 1E+30");
        Row(p, TradeJson, "size", "-1e-300", "expected size within [0, 1E+18], got -1E-300");
        Row(p, TradeJson, "ts", "-9223372036854775808", "expected a time within years 1 to 9999");
        Row(p, QuoteJson, "bid", "1e308", "expected a price within [1E-08, 1000000000000], got 1E+308");
        Row(p, QuoteJson, "ask", "1e309", "expected a finite number, got 1e309");
        Row(s, SignalJson, "strength", "1e30", "expected a strength within [-1000000000000, 1000000000000], got 1E+30");
        Row(s, SignalJson, "strength", "-1e308", "expected a strength within [-1000000000000, 1000000000000], got -1E+308");
        Row(s, SignalJson, "strength", "\"NaN\"", "expected a finite number, got \"NaN\"");
        Row(s, SignalJson, "direction", "1e30", "expected an integer, got 1e30");
        Row(s, SignalJson, "seq", "9.5", "expected an integer, got 9.5");
        Row(c, StopJson, "seq", "1e309", "expected an integer, got 1e309");
        return rows;
    }

    [Theory]
    [MemberData(nameof(HostileNumbers))]
    public void Number_out_of_the_ledger_s_range_is_refused_naming_its_field(string stream, string json, string expected)
    {
        var e = Assert.Throws<LiveMessageException>(() => LiveMessageParser.Parse(stream, "9-1", json));
        Assert.StartsWith($"{stream} 9-1: {expected}", e.Message, StringComparison.Ordinal);
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
