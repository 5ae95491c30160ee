using System.Text.Json;
using Baton.Core.Orders;
using Baton.Core.Portfolio;
using Baton.Core.Risk;
using Baton.Engine.Events;

namespace Baton.Engine.Tests.Events;

/// <summary>Events carry domain types; their wire form (events.jsonl, events:live, the journal) is given at serialization
/// and must stay the same bytes: each line here is what a run wrote before the events were typed.</summary>
public sealed class EngineEventJsonTests
{
    public static TheoryData<EngineEvent, string> Lines() => new()
    {
        {
            new OrderFilled(1704276000000, 1, "BTCUSDT", OrderSide.Buy, 0.24795837m, 40270.80534m, 9.9854832506936958m, OrderIntent.Entry),
            """{"type":"fill","order_id":1,"symbol":"BTCUSDT","side":"buy","quantity":0.24795837,"price":40270.80534,"fee":9.9854832506936958,"intent":"entry","time":1704276000000}"""
        },
        {
            new OrderStateChanged(1424822400000, 5, "AAA", OrderSide.Sell, 378.06246932m, OrderIntent.StopLoss, OrderState.PartiallyFilled, null),
            """{"type":"order","order_id":5,"symbol":"AAA","side":"sell","quantity":378.06246932,"intent":"stop_loss","state":"partially_filled","reason":null,"time":1424822400000}"""
        },
        {
            new RiskDecided(1440892800000, "*", RiskVerdict.Breach, "max_drawdown", "drawdown 26.128% reached limit 25%", 0.2612820808275983, 0.25, 0, 0),
            """{"type":"risk_event","symbol":"*","verdict":"breach","check":"max_drawdown","reason":"drawdown 26.128% reached limit 25%","value":0.2612820808275983,"limit":0.25,"requested_quantity":0,"approved_quantity":0,"time":1440892800000}"""
        },
        {
            new PortfolioStateChanged(1424476800000, PortfolioState.Trading, PortfolioState.PositionOpen, "position opened"),
            """{"type":"state_changed","from":"trading","to":"position_open","reason":"position opened","time":1424476800000}"""
        },
        {
            new TradingStopped(5, "max_drawdown: drawdown reached"),
            """{"type":"stopped","reason":"max_drawdown: drawdown reached","time":5}"""
        },
        {
            new MessageLogged(1704067200000, Severity.Stderr, "component rvol: no PostgreSQL query given"),
            """{"type":"log","level":"stderr","message":"component rvol: no PostgreSQL query given","time":1704067200000}"""
        },
        {
            new PortfolioUpdated(7, 1000.5, 900m, -1.25m, PortfolioState.RiskLimitHit, -0.5, [new PositionView("A", -2m, 50.5m, 49)]),
            """{"type":"portfolio_update","equity":1000.5,"cash":900,"realized_pnl":-1.25,"state":"risk_limit_hit","drawdown":-0.5,"positions":[{"symbol":"A","quantity":-2,"average_price":50.5,"last_price":49}],"time":7}"""
        },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void An_event_is_written_with_its_wire_words_and_read_back(EngineEvent e, string line)
    {
        Assert.Equal(line, JsonSerializer.Serialize(e, Formats.Json));
        var back = JsonSerializer.Deserialize<EngineEvent>(line, Formats.Json)!;
        Assert.IsType(e.GetType(), back);
        Assert.Equal(line, JsonSerializer.Serialize(back, Formats.Json));
    }

    [Fact]
    public void Every_member_of_a_wire_enum_has_the_snake_case_word()
    {
        Assert.Equal(["buy", "sell"], Enum.GetValues<OrderSide>().Select(WireNames.Of));
        Assert.Equal(["entry", "signal_exit", "stop_loss", "take_profit", "trailing_stop", "risk_breach", "end_of_data"],
            Enum.GetValues<OrderIntent>().Select(WireNames.Of));
        Assert.Equal(["created", "validated", "rejected", "submitted", "partially_filled", "filled", "cancelled"],
            Enum.GetValues<OrderState>().Select(WireNames.Of));
        Assert.Equal(["initialized", "trading", "position_open", "risk_limit_hit", "stopped"], Enum.GetValues<PortfolioState>().Select(WireNames.Of));
        Assert.Equal(["approved", "reduced", "rejected", "breach"], Enum.GetValues<RiskVerdict>().Select(WireNames.Of));
        Assert.Equal(["warning", "error", "stderr"], Enum.GetValues<Severity>().Select(WireNames.Of));
        Assert.Equal(["market", "limit", "stop", "stop_limit", "trailing_stop"], Enum.GetValues<OrderType>().Select(WireNames.Of));
        Assert.Equal(["gtc", "day", "gtd", "ioc"], Enum.GetValues<TimeInForce>().Select(WireNames.Of));
    }
}
