using System.Globalization;
using System.Text.Json;
using Baton.Core.Risk;
using Baton.Engine.Events;

namespace Baton.Cli.Commands;

/// <summary>Prints live events as they happen: one line each (or the event JSON with <c>--json</c>); portfolio updates at
/// most once a second unless the state or the open positions changed.</summary>
internal sealed class LivePrinter(bool json, TimeProvider clock) : IEventSink
{
    private DateTimeOffset _lastUpdate = DateTimeOffset.MinValue;
    private string _lastShape = "";

    public void Publish(EngineEvent e)
    {
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(e, Formats.Json));
            return;
        }
        string? line = e switch
        {
            PortfolioUpdated p => Update(p),
            OrderStateChanged o => $"order #{o.OrderId} {W(o.Side)} {N(o.Quantity)} {o.Symbol} ({W(o.Intent)}): {W(o.State)}{(o.Reason is null ? "" : " - " + o.Reason)}",
            OrderFilled f => $"fill  #{f.OrderId} {W(f.Side)} {N(f.Quantity)} {f.Symbol} @ {N(f.Price)} fee {N(f.Fee)} ({W(f.Intent)})",
            RiskDecided r when r.Verdict != RiskVerdict.Approved => $"risk  {r.Symbol} {W(r.Verdict)}: {r.Check}: {r.Reason}",
            TradingStopped s => $"STOPPED: {s.Reason}",
            MessageLogged l => $"{W(l.Level)}: {l.Message}",
            _ => null,
        };
        if (line is not null) Console.Out.WriteLine($"{Formats.Time(e.Time)} {line}");
    }

    private string? Update(PortfolioUpdated p)
    {
        string shape = p.State + string.Join(",", p.Positions.Select(x => x.Symbol + x.Quantity.ToString(CultureInfo.InvariantCulture)));
        var now = clock.GetUtcNow();
        if (shape == _lastShape && now - _lastUpdate < TimeSpan.FromSeconds(1)) return null;
        _lastShape = shape;
        _lastUpdate = now;
        string positions = p.Positions.Count == 0 ? "flat" : string.Join(", ", p.Positions.Select(x => $"{N(x.Quantity)} {x.Symbol} @ {N(x.AveragePrice)}"));
        return $"portfolio {W(p.State)}: equity {p.Equity.ToString("F2", CultureInfo.InvariantCulture)}, cash {p.Cash.ToString("F2", CultureInfo.InvariantCulture)}, " +
            $"drawdown {(p.Drawdown * 100).ToString("F2", CultureInfo.InvariantCulture)}%, {positions}";
    }

    private static string W<T>(T value) where T : struct, Enum => WireNames.Of(value);

    private static string N(decimal d) => d.ToString("0.########", CultureInfo.InvariantCulture);
}
