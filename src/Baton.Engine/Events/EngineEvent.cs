using System.Text.Json.Serialization;
using Baton.Core.Orders;
using Baton.Core.Portfolio;
using Baton.Core.Risk;

namespace Baton.Engine.Events;

/// <summary>
/// Something the engine did, at <see cref="Time"/> (Unix ms UTC, the deciding candle's close). Events are
/// written to <c>events.jsonl</c> and, in live mode, to the UI. Fields are domain types; the wire names (the
/// <c>type</c> discriminators below, and every enum as a snake-case word, see <see cref="WireNames"/>) are
/// given at serialization only.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(OrderStateChanged), "order")]
[JsonDerivedType(typeof(OrderFilled), "fill")]
[JsonDerivedType(typeof(RiskDecided), "risk_event")]
[JsonDerivedType(typeof(PortfolioStateChanged), "state_changed")]
[JsonDerivedType(typeof(TradingStopped), "stopped")]
[JsonDerivedType(typeof(MessageLogged), "log")]
[JsonDerivedType(typeof(PortfolioUpdated), "portfolio_update")]
public abstract record EngineEvent(long Time);

/// <summary>An order moved to <see cref="State"/>, with the reason when there is one.</summary>
public sealed record OrderStateChanged(long Time, long OrderId, string Symbol, OrderSide Side, decimal Quantity,
    OrderIntent Intent, OrderState State, string? Reason) : EngineEvent(Time);

/// <summary>Part or all of an order filled at <see cref="Price"/> (slippage included), paying <see cref="Fee"/>.</summary>
public sealed record OrderFilled(long Time, long OrderId, string Symbol, OrderSide Side, decimal Quantity, decimal Price,
    decimal Fee, OrderIntent Intent) : EngineEvent(Time);

/// <summary>A risk decision with its numbers: the check that decided, measured value and limit, quantities. An entry's
/// decision is <see cref="RiskVerdict.Approved"/>, <see cref="RiskVerdict.Reduced"/> or <see cref="RiskVerdict.Rejected"/>
/// (for its symbol); a loss limit found breached on a mark is <see cref="RiskVerdict.Breach"/> (symbol <c>*</c>).</summary>
public sealed record RiskDecided(long Time, string Symbol, RiskVerdict Verdict, string Check, string Reason, double Value,
    double Limit, decimal RequestedQuantity, decimal ApprovedQuantity) : EngineEvent(Time);

/// <summary>The portfolio moved between states.</summary>
public sealed record PortfolioStateChanged(long Time, PortfolioState From, PortfolioState To, string Reason) : EngineEvent(Time);

/// <summary>Trading stopped: no new entries from now on.</summary>
public sealed record TradingStopped(long Time, string Reason) : EngineEvent(Time);

/// <summary>A line of log for the user (warnings from components, notes from the engine).</summary>
public sealed record MessageLogged(long Time, Severity Level, string Message) : EngineEvent(Time);

/// <summary>The portfolio after a live input (a candle or a stop): equity at the latest marks, cash, realised P&amp;L,
/// state, drawdown from the high-water mark, and each open position.</summary>
public sealed record PortfolioUpdated(long Time, double Equity, decimal Cash, decimal RealizedPnl, PortfolioState State,
    double Drawdown, IReadOnlyList<PositionView> Positions) : EngineEvent(Time);

/// <summary>An open position in a <see cref="PortfolioUpdated"/>: signed quantity (negative short) and average entry price.</summary>
public sealed record PositionView(string Symbol, decimal Quantity, decimal AveragePrice, double LastPrice);

/// <summary>How much a logged line matters: <see cref="Warning"/> (something was skipped or refused), <see cref="Error"/>
/// (a component failed), <see cref="Stderr"/> (a line a component wrote to its standard error).</summary>
public enum Severity
{
    Warning,
    Error,
    Stderr,
}

/// <summary>Receives engine events in order. Called on the engine's thread; must not block for long.</summary>
public interface IEventSink
{
    void Publish(EngineEvent e);
}

/// <summary>Receives the equity mark of every timestamp (after all symbols of that time are processed).</summary>
public interface IEquitySink
{
    void OnEquity(long time, double equity, double cash, double drawdown);
}
