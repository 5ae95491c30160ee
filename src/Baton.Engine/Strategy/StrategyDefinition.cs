using Baton.Core.Execution;
using Baton.Core.Market;
using Baton.Core.Orders;
using Baton.Core.Signals;
using Baton.Core.Sizing;

namespace Baton.Engine.Strategy;

/// <summary>Where a definition came from in its source file, for error messages (1-based; 0 when unknown).</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}

/// <summary>
/// A validated strategy: what the YAML file says, with parameters substituted and every value parsed.
/// The engine compiles it once into indicator graphs and rule delegates; nothing here is read per candle.
/// </summary>
public sealed record StrategyDefinition
{
    public required string Name { get; init; }
    public required IReadOnlyList<string> Symbols { get; init; }
    public required Timeframe Timeframe { get; init; }
    public required DataSpec Data { get; init; }
    public decimal InitialCash { get; init; } = 100_000m;
    public IReadOnlyList<IndicatorSpec> Indicators { get; init; } = [];
    public IReadOnlyList<SignalSpec> Signals { get; init; } = [];
    /// <summary>External components (<c>type: external</c> indicators and signals), in file order.</summary>
    public IReadOnlyList<ComponentSpec> Components { get; init; } = [];
    /// <summary>Parameters after <c>--set</c> overrides, as written (for the manifest).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<RuleSpec> Entry { get; init; } = [];
    public ExitSpec Exit { get; init; } = new();
    public RiskSpec Risk { get; init; } = new();
    public SizingSpec Sizing { get; init; } = new();
    public ExecutionSpec Execution { get; init; } = new();
    /// <summary>Periods per year for annualised metrics: days (252 for exchange days, 365 for crypto), or, above 366, bars
    /// (525,600 for 1-minute bars around the clock), turned into days by the data's bars per day. Null (the default) infers
    /// it from the data's calendar: 365 when it has bars on weekend days, else 252.</summary>
    public int? PeriodsPerYear { get; init; }
    /// <summary>The strategy file's path, as given.</summary>
    public string SourceFile { get; init; } = "";
}

/// <summary>One indicator instance: <c>{ id: fast, type: sma, period: 10, source: close }</c>.</summary>
/// <param name="Source">A price field (<c>close</c>, <c>hl2</c> ...) or another indicator's output (<c>rsi</c>, <c>macd.signal</c>).</param>
/// <param name="Timeframe">A higher timeframe to resample to, or null for the strategy's own.</param>
public sealed record IndicatorSpec(
    string Id,
    string Type,
    IReadOnlyDictionary<string, double> Parameters,
    string Source,
    Timeframe? Timeframe,
    SourceLocation Location);

/// <summary>One signal: <c>{ id: golden_cross, type: crossover, above: fast, below: slow }</c>.
/// <see cref="Arguments"/> holds the type's fields as written, typed and checked against its
/// <see cref="SignalDescriptor"/> (series names, numbers, choice words); absent ones take the type's defaults.</summary>
public sealed record SignalSpec(string Id, string Type, SignalValues Arguments, SourceLocation Location);

/// <summary>What a rule does when its condition holds.</summary>
public enum TradeAction
{
    /// <summary>Open a long position.</summary>
    Buy,
    /// <summary>Close a long position.</summary>
    Sell,
    /// <summary>Open a short position.</summary>
    Short,
    /// <summary>Close a short position.</summary>
    Cover,
    /// <summary>Close whatever position is open.</summary>
    Close,
}

/// <summary>An entry or exit rule: <c>{ when: "golden_cross and rsi &lt; 70", action: buy }</c>.</summary>
/// <param name="WhenLocation">Where the <c>when</c> text starts, so parse errors point at the right column.</param>
public sealed record RuleSpec(string When, TradeAction Action, SourceLocation WhenLocation, SizingSpec? Sizing = null,
    OrderSpec? Order = null);

/// <summary>
/// How a rule's order is placed: type, prices as signed offsets from the deciding close (<c>limit: -0.5%</c> is
/// 0.5% below it; ATR multiples and amounts work too), trailing distance, and time in force (GTD by a number of
/// candles or a time). Null on a rule means a market order.
/// </summary>
public sealed record OrderSpec
{
    public OrderType Type { get; init; } = OrderType.Market;
    public PriceDistance? Limit { get; init; }
    public PriceDistance? Stop { get; init; }
    public PriceDistance? Trail { get; init; }
    public TimeInForce TimeInForce { get; init; } = TimeInForce.Gtc;
    /// <summary>GTD by candles: the order is cancelled if not filled within this many candles.</summary>
    public int? ExpireAfterCandles { get; init; }
    /// <summary>GTD by time: a candle opening at or after this instant (Unix ms) finds it expired.</summary>
    public long? ExpireAt { get; init; }
}

/// <summary>How far from a reference price: a fraction (<c>2%</c> = 0.02), an ATR multiple, or a price amount.</summary>
public enum DistanceKind
{
    Fraction,
    AtrMultiple,
    Amount,
}

/// <summary>A price distance. For <see cref="DistanceKind.AtrMultiple"/>, <see cref="AtrId"/> names the ATR
/// indicator (an implicit <c>atr</c> with period <see cref="AtrPeriod"/> when null).</summary>
public readonly record struct PriceDistance(DistanceKind Kind, double Value, string? AtrId = null, int AtrPeriod = 14);

public sealed record ExitSpec
{
    public PriceDistance? StopLoss { get; init; }
    public PriceDistance? TakeProfit { get; init; }
    public PriceDistance? TrailingStop { get; init; }
    public IReadOnlyList<RuleSpec> Signals { get; init; } = [];
    /// <summary>When one candle touches both stop and target: false (default) assumes the stop came first.</summary>
    public bool TargetFirst { get; init; }
}

public enum BreachAction
{
    /// <summary>Stop new entries; open positions stay and their exits still run.</summary>
    Stop,
    /// <summary>Stop new entries and close every open position.</summary>
    CloseAll,
}

/// <summary>Risk limits; a null limit is not checked. Fractions: 0.2 = 20%.</summary>
public sealed record RiskSpec
{
    public double? MaxDrawdown { get; init; }
    public double? DailyLoss { get; init; }
    public int? MaxPositions { get; init; }
    /// <summary>Largest position notional as a fraction of equity; larger orders are reduced to it.</summary>
    public double? MaxPositionSize { get; init; }
    public BreachAction OnBreach { get; init; } = BreachAction.Stop;
    /// <summary>IANA or Windows time-zone id whose midnight resets the daily loss; UTC by default.</summary>
    public string TimeZone { get; init; } = "UTC";
}

public enum SizingKind
{
    /// <summary>A fixed number of units.</summary>
    Quantity,
    /// <summary>A fraction of current equity, in notional.</summary>
    EquityFraction,
    /// <summary>A fixed cash amount, in notional.</summary>
    Cash,
    /// <summary>Risk a fraction of equity between entry and the stop (<see cref="SizingSpec.RiskDistance"/> or the stop loss).</summary>
    Risk,
}

public sealed record SizingSpec
{
    public SizingKind Kind { get; init; } = SizingKind.EquityFraction;
    public decimal Value { get; init; } = 0.1m;
    /// <summary>For <see cref="SizingKind.Risk"/>: the stop distance; null uses the exit's stop loss.</summary>
    public PriceDistance? RiskDistance { get; init; }
    /// <summary>Fractional quantities (the default, however sizing is spelled), rounded down to <see cref="QuantityStep"/>;
    /// false asks for whole units (as does a step of 1).</summary>
    public bool Fractional { get; init; } = true;
    public decimal QuantityStep { get; init; } = 0.00000001m;
}

public enum FillTiming
{
    /// <summary>A decision made at a candle's close fills at the next candle's open (no look-ahead).</summary>
    NextOpen,
    /// <summary>Opt-in: fill at the close of the deciding candle.</summary>
    Close,
}

public sealed record ExecutionSpec
{
    /// <summary>Fee as a fraction of notional (0.001 = 0.1%).</summary>
    public decimal FeeRate { get; init; }
    public decimal FeePerUnit { get; init; }
    public decimal FeePerOrder { get; init; }
    /// <summary>Adverse slippage in basis points of the fill price (with <see cref="SlippageModel.Bps"/>).</summary>
    public double SlippageBps { get; init; }
    public FillTiming Fill { get; init; } = FillTiming.NextOpen;
    /// <summary>Smallest fee charged on an order's first fill.</summary>
    public decimal FeeMinimum { get; init; }
    /// <summary>Fee rate for limit orders (maker), when it differs from <see cref="FeeRate"/>.</summary>
    public decimal? MakerFeeRate { get; init; }
    /// <summary>Fee rate for market, stop and trailing orders (taker), when it differs from <see cref="FeeRate"/>.</summary>
    public decimal? TakerFeeRate { get; init; }
    public SlippageModel Slippage { get; init; } = SlippageModel.Bps;
    /// <summary>For <see cref="SlippageModel.RangeFraction"/>: the fraction of the candle's range; for
    /// <see cref="SlippageModel.SquareRootImpact"/>: k in k·√(quantity / candle volume) of the price.</summary>
    public double SlippageValue { get; init; }
    /// <summary>At most this fraction of a candle's volume fills; the rest keeps working. Null: no limit.</summary>
    public double? MaxVolumeFraction { get; init; }
    public IntrabarPath IntrabarPath { get; init; } = IntrabarPath.Nearest;
    /// <summary>Cost settings that differ for some symbols (fees and slippage only).</summary>
    public IReadOnlyDictionary<string, ExecutionSpec> PerSymbol { get; init; } = new Dictionary<string, ExecutionSpec>();
}

public enum DataSourceKind
{
    Csv,
    Parquet,
    Postgres,
    Synthetic,
}

/// <summary>Where candles come from. For <see cref="DataSourceKind.Synthetic"/>, a seeded random walk.</summary>
public sealed record DataSpec
{
    public DataSourceKind Source { get; init; } = DataSourceKind.Synthetic;
    /// <summary>File path (relative paths are relative to the strategy file) or connection URI.</summary>
    public string? Path { get; init; }
    public int Bars { get; init; } = 1000;
    public int Seed { get; init; } = 1;
    /// <summary>Open time of the first synthetic bar, Unix ms UTC.</summary>
    public long Start { get; init; } = 1_577_836_800_000; // 2020-01-01
    public double StartPrice { get; init; } = 100;
    /// <summary>Per-bar volatility of log returns.</summary>
    public double Volatility { get; init; } = 0.01;
    public double Drift { get; init; }
    /// <summary>Column names of a Parquet file when they differ from the usual ones.</summary>
    public DataColumns Columns { get; init; } = DataColumns.Default;
    /// <summary>Build candles of the strategy's timeframe from finer data (<c>resample: true</c>, <c>--resample</c>)
    /// instead of refusing data whose candles are not one timeframe apart.</summary>
    public bool Resample { get; init; }
}

/// <summary>
/// The column names of a candle file, for files that name them differently (<c>columns: { timestamp: ts,
/// volume: vol }</c> in YAML). Unset names keep their default.
/// </summary>
public sealed record DataColumns
{
    public static readonly DataColumns Default = new();

    public string Timestamp { get; init; } = "timestamp";
    public string Open { get; init; } = "open";
    public string High { get; init; } = "high";
    public string Low { get; init; } = "low";
    public string Close { get; init; } = "close";
    public string Volume { get; init; } = "volume";
    /// <summary>The symbol column of a long-format file; a file without it holds one symbol.</summary>
    public string Symbol { get; init; } = "symbol";
}
