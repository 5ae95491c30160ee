using System.Text.Json;
using Baton.Engine.Compilation;
using Baton.Engine.Live.Sessions;

namespace Baton.Engine.Live.Messages;

/// <summary>The <c>session</c> event a live session publishes on <c>events:live</c> at every start (seq 0, not journaled,
/// may repeat): who it is and what it trades, so a dashboard lists it before its first decision.</summary>
internal static class SessionAnnouncement
{
    public static string Json(CompiledStrategy strategy, LiveSessionOptions options)
    {
        var d = strategy.Definition;
        return JsonSerializer.Serialize(new
        {
            type = "session",
            strategy = options.Header.StrategyName,
            seq = 0,
            symbols = d.Symbols,
            timeframe = d.Timeframe.ToString(),
            initial_capital = d.InitialCash,
            consumer = options.Consumer,
            started_at = options.Clock.GetUtcNow().ToUnixTimeMilliseconds(),
            journal = options.JournalDescription,
        });
    }
}
