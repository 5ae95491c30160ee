using System.Buffers;
using System.Text;
using System.Text.Json;
using Baton.Core.Market;

namespace Baton.Engine.Live.Messages;

/// <summary>Writes live messages in schema version <see cref="LiveMessageParser.Version"/> (publishers, the replay
/// publisher, tests); the parser reads exactly what this writes.</summary>
public static class LiveMessageWriter
{
    public static string Candle(string producer, long seq, string symbol, Timeframe timeframe, in Candle c)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = Begin(buffer, "candle", producer, seq))
        {
            w.WriteString("symbol", symbol);
            w.WriteString("timeframe", timeframe.ToString());
            w.WriteNumber("ts", c.OpenTime);
            w.WriteNumber("open", c.Open);
            w.WriteNumber("high", c.High);
            w.WriteNumber("low", c.Low);
            w.WriteNumber("close", c.Close);
            w.WriteNumber("volume", c.Volume);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A trade at <paramref name="time"/> (Unix ms), aggregated by the orchestrator into candles of the strategy's timeframe.</summary>
    public static string Trade(string producer, long seq, string symbol, long time, double price, double size)
    {
        var buffer = new ArrayBufferWriter<byte>(160);
        using (var w = Begin(buffer, "trade", producer, seq))
        {
            w.WriteString("symbol", symbol);
            w.WriteNumber("ts", time);
            w.WriteNumber("price", price);
            w.WriteNumber("size", size);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <param name="id">Unique per producer: a re-sent message with the same id has no second effect.</param>
    public static string Signal(string producer, long seq, string id, string symbol, string signal, int direction, double strength = 1,
        string? name = null)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = Begin(buffer, "signal", producer, seq))
        {
            w.WriteString("id", id);
            w.WriteString("symbol", symbol);
            w.WriteString("signal", signal);
            if (name is not null) w.WriteString("name", name);
            w.WriteNumber("direction", direction);
            w.WriteNumber("strength", strength);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <param name="strategy">The name of the one strategy to stop, or <see cref="LiveMessage.AllStrategies"/>; null writes no
    /// field, which every strategy reads as <c>*</c>.</param>
    public static string Stop(string producer, long seq, string id, string reason, string? strategy = null)
    {
        var buffer = new ArrayBufferWriter<byte>(160);
        using (var w = Begin(buffer, "stop", producer, seq))
        {
            w.WriteString("id", id);
            w.WriteString("reason", reason);
            if (strategy is not null) w.WriteString("strategy", strategy);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static Utf8JsonWriter Begin(ArrayBufferWriter<byte> buffer, string type, string producer, long seq)
    {
        var w = new Utf8JsonWriter(buffer);
        w.WriteStartObject();
        w.WriteNumber("v", LiveMessageParser.Version);
        w.WriteString("type", type);
        w.WriteString("producer", producer);
        w.WriteNumber("seq", seq);
        return w;
    }
}
