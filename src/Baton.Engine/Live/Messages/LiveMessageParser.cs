using System.Globalization;
using System.Text.Json;
using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Data.Checks;

namespace Baton.Engine.Live.Messages;

/// <summary>
/// Turns the JSON of a stream entry into a <see cref="LiveMessage"/>, checking every field. Structure only: whether the
/// symbol or signal belongs to the strategy, and whether a candle comes in time, is the engine's to say
/// (<see cref="LiveEngine.Check"/>). Errors are <see cref="LiveMessageException"/>s naming stream, entry id and field.
/// </summary>
public static class LiveMessageParser
{
    /// <summary>The schema version this build reads and writes (the <c>v</c> field).</summary>
    public const int Version = 1;

    public static LiveMessage Parse(string stream, string entryId, string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) throw new LiveMessageException(stream, entryId, LiveStreams.DataField, "expected a JSON message, got nothing");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException e) { throw new LiveMessageException(stream, entryId, LiveStreams.DataField, "expected JSON: " + e.Message); }
        using (doc)
        {
            var root = doc.RootElement;
            var f = new Fields(stream, entryId, root);
            if (root.ValueKind != JsonValueKind.Object) throw f.Error(LiveStreams.DataField, "expected a JSON object");
            long version = f.Integer("v");
            if (version != Version) throw f.Error("v", $"expected schema version {Version}, got {version}");
            string type = f.Text("type");
            string producer = f.Text("producer");
            if (producer.Contains('/', StringComparison.Ordinal)) throw f.Error("producer", $"expected an id without '/', got \"{producer}\"");
            long seq = f.Integer("seq");
            if (seq < 1) throw f.Error("seq", $"expected a sequence number >= 1, got {seq}");
            return (type, stream) switch
            {
                ("candle", LiveStreams.Prices) => Candle(f, producer, seq),
                ("trade" or "quote", LiveStreams.Prices) => Trade(f, type, producer, seq),
                ("signal", LiveStreams.Signals) => Signal(f, producer, seq),
                ("stop", LiveStreams.Control) => new LiveMessage(LiveMessageKind.Stop, producer, seq, $"stop/{producer}/{f.Text("id")}")
                {
                    Reason = f.OptionalText("reason") ?? "stopped by " + producer,
                    Target = f.OptionalText("strategy") ?? LiveMessage.AllStrategies,
                },
                _ => throw f.Error("type", $"expected {Expected(stream)} on {stream}, got \"{type}\""),
            };
        }
    }

    private static string Expected(string stream) => stream switch
    {
        LiveStreams.Prices => "\"candle\", \"trade\" or \"quote\"",
        LiveStreams.Signals => "\"signal\"",
        _ => "\"stop\"",
    };

    private static LiveMessage Candle(Fields f, string producer, long seq)
    {
        string symbol = f.Text("symbol");
        long open = f.Time("ts");
        var candle = new Candle(open, f.Number("open"), f.Number("high"), f.Number("low"), f.Number("close"), f.Number("volume"));
        if (CandleValidator.FindProblem(candle) is { } problem) throw f.Error(problem.Field, problem.Problem);
        if (f.OptionalText("timeframe") is { } tf && !Timeframe.TryParse(tf, out _))
            throw f.Error("timeframe", $"expected a timeframe such as 1m, 1h or 1d, got \"{tf}\"");
        return new LiveMessage(LiveMessageKind.Candle, producer, seq, $"candle/{symbol}/{open.ToString(CultureInfo.InvariantCulture)}")
        {
            Symbol = symbol,
            Candle = candle,
            Name = f.OptionalText("timeframe"),
        };
    }

    /// <summary>A trade (<c>price</c>, <c>size</c>) or a quote (<c>bid</c>, <c>ask</c>: its mid price, size 0), within the bounds
    /// a candle's prices and volume keep (<see cref="CandleValidator"/>), so a bar built from them is a valid candle.</summary>
    private static LiveMessage Trade(Fields f, string type, string producer, long seq)
    {
        string symbol = f.Text("symbol");
        long time = f.Time("ts");
        double price, size;
        if (type == "trade")
        {
            price = f.Price("price");
            size = f.Number("size");
            if (size is < 0 or > CandleValidator.MaxVolume)
                throw f.Error("size", $"expected size within [0, {Num(CandleValidator.MaxVolume)}], got {Num(size)}");
        }
        else
        {
            double bid = f.Price("bid"), ask = f.Price("ask");
            if (bid > ask) throw f.Error("ask", $"expected ask >= bid ({Num(bid)}), got {Num(ask)}");
            price = (bid + ask) / 2;
            size = 0;
        }
        string id = f.OptionalText("id") ?? seq.ToString(CultureInfo.InvariantCulture);
        return new LiveMessage(LiveMessageKind.Trade, producer, seq, $"{type}/{producer}/{id}")
        {
            Symbol = symbol,
            Candle = new Candle(time, price, price, price, price, size),
        };
    }

    /// <summary>The largest signal strength accepted (either sign): rules compare it with numbers of a strategy file.</summary>
    public const double MaxStrength = 1e12;

    private static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static LiveMessage Signal(Fields f, string producer, long seq)
    {
        string id = f.Text("id");
        long direction = f.Integer("direction");
        if (direction is < -1 or > 1) throw f.Error("direction", $"expected -1, 0 or 1, got {direction}");
        double strength = f.OptionalNumber("strength") ?? 1;
        if (Math.Abs(strength) > MaxStrength) throw f.Error("strength", $"expected a strength within [-{Num(MaxStrength)}, {Num(MaxStrength)}], got {Num(strength)}");
        return new LiveMessage(LiveMessageKind.Signal, producer, seq, $"signal/{producer}/{id}")
        {
            Symbol = f.Text("symbol"),
            Signal = f.Text("signal"),
            Name = f.OptionalText("name"),
            Direction = (int)direction,
            Strength = strength,
        };
    }

    /// <summary>Reads fields of one message, each failure naming it.</summary>
    private readonly record struct Fields(string Stream, string EntryId, JsonElement Root)
    {
        public LiveMessageException Error(string field, string problem) => new(Stream, EntryId, field, problem);

        private JsonElement Get(string name) =>
            Root.TryGetProperty(name, out var e) && e.ValueKind != JsonValueKind.Null ? e : throw Error(name, "missing");

        public string Text(string name)
        {
            var e = Get(name);
            if (e.ValueKind != JsonValueKind.String) throw Error(name, $"expected a string, got {Show(e)}");
            string s = e.GetString()!;
            return s.Length == 0 ? throw Error(name, "expected a non-empty string, got \"\"") : s;
        }

        public string? OptionalText(string name) =>
            Root.TryGetProperty(name, out var e) && e.ValueKind != JsonValueKind.Null ? Text(name) : null;

        public long Integer(string name)
        {
            var e = Get(name);
            return e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long v) ? v : throw Error(name, $"expected an integer, got {Show(e)}");
        }

        public double Number(string name)
        {
            var e = Get(name);
            return e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out double v) && double.IsFinite(v)
                ? v : throw Error(name, $"expected a finite number, got {Show(e)}");
        }

        /// <summary>A price within the bounds of a candle's (<see cref="CandleValidator"/>).</summary>
        public double Price(string name)
        {
            double v = Number(name);
            return v is >= CandleValidator.MinPrice and <= CandleValidator.MaxPrice ? v
                : throw Error(name, $"expected a price within [{Num(CandleValidator.MinPrice)}, {Num(CandleValidator.MaxPrice)}], got {Num(v)}");
        }

        public double? OptionalNumber(string name) =>
            Root.TryGetProperty(name, out var e) && e.ValueKind != JsonValueKind.Null ? Number(name) : null;

        /// <summary>Unix ms (integer, within years 1 to 9999, so adding a timeframe cannot overflow) or an ISO-8601 UTC string.</summary>
        public long Time(string name)
        {
            var e = Get(name);
            if (e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long ms))
                return CandleTimestamp.IsWithinCalendar(ms) ? ms : throw Error(name, $"expected a time within years 1 to 9999, got {ms}");
            if (e.ValueKind == JsonValueKind.String && CandleTimestamp.TryParse(e.GetString(), out ms)) return ms;
            throw Error(name, $"expected Unix milliseconds or an ISO-8601 UTC time, got {Show(e)}");
        }

        private static string Show(JsonElement e)
        {
            string raw = e.GetRawText();
            return raw.Length > 40 ? raw[..40] + "..." : raw;
        }
    }
}
