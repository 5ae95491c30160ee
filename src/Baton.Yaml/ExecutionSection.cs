using System.Globalization;
using Baton.Core.Execution;
using Baton.Core.Orders;
using Baton.Core.Sizing;
using Baton.Engine.Events;
using Baton.Engine.Strategy;
using YamlDotNet.RepresentationModel;

namespace Baton.Yaml;

/// <summary>Reads <c>execution:</c> (costs and fill rules) and a rule's <c>order:</c>.</summary>
internal sealed partial class Settings
{
    private static readonly string[] ExecutionKeys = ["fees", "slippage", "fill", "max_volume", "intrabar", "symbols"];

    public ExecutionSpec Execution(YamlNode node)
    {
        if (r.Map(node, "execution") is not { } map) return new ExecutionSpec();
        var e = r.Entries(map, "execution", ExecutionKeys);
        var spec = Costs(e, "execution", new ExecutionSpec());
        if (e.TryGetValue("fill", out var fill) && r.Choice(fill, "execution.fill", "next_open", "close") == "close")
            spec = spec with { Fill = FillTiming.Close };
        if (e.TryGetValue("max_volume", out var mv)) spec = spec with { MaxVolumeFraction = r.Fraction(mv, "execution.max_volume", 1e-9, 1) };
        if (e.TryGetValue("intrabar", out var ib))
            spec = spec with
            {
                IntrabarPath = r.Choice(ib, "execution.intrabar", "nearest", "high_first", "low_first") switch
                {
                    "high_first" => IntrabarPath.HighFirst,
                    "low_first" => IntrabarPath.LowFirst,
                    _ => IntrabarPath.Nearest,
                },
            };
        if (e.TryGetValue("symbols", out var symbols) && r.Map(symbols, "execution.symbols") is { } perSymbol)
        {
            var overrides = new Dictionary<string, ExecutionSpec>(StringComparer.Ordinal);
            foreach (var (symbol, value) in r.Entries(perSymbol, "execution.symbols", null))
            {
                string path = "execution.symbols." + symbol;
                if (r.Map(value, path) is { } m) overrides[symbol] = Costs(r.Entries(m, path, ["fees", "slippage"]), path, spec);
            }
            spec = spec with { PerSymbol = overrides };
        }
        return spec;
    }

    private ExecutionSpec Costs(Dictionary<string, YamlNode> e, string path, ExecutionSpec spec)
    {
        if (e.TryGetValue("fees", out var fees)) spec = Fees(fees, path + ".fees", spec);
        if (e.TryGetValue("slippage", out var slip)) spec = Slippage(slip, path + ".slippage", spec);
        return spec;
    }

    /// <summary>
    /// <c>fees: 0.1%</c> or <c>fees: { percent, maker, taker, per_unit, per_order, minimum }</c>. A more specific level
    /// (<c>execution.symbols.X.fees</c>) wins over the global one for every order type: its plain rate (the scalar form or
    /// <c>percent</c>) replaces the inherited maker and taker rates too, unless it names them itself; the scalar form is the
    /// whole fee (no inherited per-unit, per-order or minimum part). A key not given keeps the inherited value.
    /// </summary>
    private ExecutionSpec Fees(YamlNode node, string path, ExecutionSpec spec)
    {
        if (node is not YamlMappingNode map)
            return spec with
            {
                FeeRate = (decimal)(r.Fraction(node, path, 0, 0.5) ?? 0),
                MakerFeeRate = null,
                TakerFeeRate = null,
                FeePerUnit = 0,
                FeePerOrder = 0,
                FeeMinimum = 0,
            };
        var e = r.Entries(map, path, ["percent", "per_unit", "per_order", "minimum", "maker", "taker"]);
        decimal? Rate(string key) => e.TryGetValue(key, out var n) ? (decimal)(r.Fraction(n, path + "." + key, -0.01, 0.5) ?? 0) : null;
        decimal? percent = Rate("percent");
        return spec with
        {
            FeeRate = percent ?? spec.FeeRate,
            MakerFeeRate = Rate("maker") ?? (percent is null ? spec.MakerFeeRate : null),
            TakerFeeRate = Rate("taker") ?? (percent is null ? spec.TakerFeeRate : null),
            FeePerUnit = e.TryGetValue("per_unit", out var u) ? r.Money(u, path + ".per_unit") ?? 0 : spec.FeePerUnit,
            FeePerOrder = e.TryGetValue("per_order", out var o) ? r.Money(o, path + ".per_order") ?? 0 : spec.FeePerOrder,
            FeeMinimum = e.TryGetValue("minimum", out var m) ? r.Money(m, path + ".minimum") ?? 0 : spec.FeeMinimum,
        };
    }

    /// <summary><c>5bps</c>, <c>0.05%</c>, a number of bps, or <c>{bps: 5}</c>, <c>{range: 10%}</c>, <c>{impact: 0.1}</c>.</summary>
    private ExecutionSpec Slippage(YamlNode node, string path, ExecutionSpec spec)
    {
        if (node is not YamlMappingNode map) return spec with { Slippage = SlippageModel.Bps, SlippageBps = Bps(node, path) };
        var e = r.Entries(map, path, ["bps", "range", "impact"]);
        if (e.Count != 1)
        {
            r.Error(map, path, "expected exactly one of bps, range, impact");
            return spec;
        }
        var (kind, value) = e.First();
        return kind switch
        {
            "bps" => spec with { Slippage = SlippageModel.Bps, SlippageBps = Bps(value, path + ".bps") },
            "range" => spec with { Slippage = SlippageModel.RangeFraction, SlippageValue = r.Fraction(value, path + ".range", 0, 1) ?? 0 },
            _ => spec with { Slippage = SlippageModel.SquareRootImpact, SlippageValue = r.Number(value, path + ".impact", 0, 100) ?? 0 },
        };
    }

    /// <summary><c>5bps</c>, <c>0.05%</c> or a plain number of basis points.</summary>
    private double Bps(YamlNode node, string path)
    {
        if (r.Text(node, path) is not { } text) return 0;
        if (text.EndsWith('%')) return (r.Fraction(node, path, 0, 0.5) ?? 0) * 10_000;
        string digits = text.EndsWith("bps", StringComparison.Ordinal) ? text[..^3] : text;
        if (double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out double bps) && bps is >= 0 and <= 5000) return bps;
        r.Error(node, path, $"expected basis points such as 5bps (or a percentage such as 0.05%), between 0 and 5000bps, got \"{text}\"");
        return 0;
    }

    private static readonly string[] OrderTypeNames = ["market", "limit", "stop", "stop_limit", "trailing_stop"];

    /// <summary><c>{ type: limit, limit: -0.5%, time_in_force: gtd, expire_after: 5 }</c>; offsets are signed, from the deciding close.</summary>
    private OrderSpec? Order(YamlNode node, string path)
    {
        if (r.Map(node, path) is not { } map) return null;
        var e = r.Entries(map, path, ["type", "limit", "stop", "trail", "time_in_force", "expire_after", "expire_at"]);
        string type = e.TryGetValue("type", out var t) ? r.Choice(t, path + ".type", OrderTypeNames) ?? "market" : "market";
        var spec = new OrderSpec
        {
            Type = type switch
            {
                "limit" => OrderType.Limit,
                "stop" => OrderType.Stop,
                "stop_limit" => OrderType.StopLimit,
                "trailing_stop" => OrderType.TrailingStop,
                _ => OrderType.Market,
            },
            Limit = e.TryGetValue("limit", out var l) ? Offset(l, path + ".limit") : null,
            Stop = e.TryGetValue("stop", out var s) ? Offset(s, path + ".stop") : null,
            Trail = e.TryGetValue("trail", out var tr) ? Distance(tr, path + ".trail") : null,
            ExpireAfterCandles = e.TryGetValue("expire_after", out var ea) ? r.Integer(ea, path + ".expire_after", 1) : null,
            ExpireAt = e.TryGetValue("expire_at", out var at) ? Time(at, path + ".expire_at") : null,
        };
        if (e.TryGetValue("time_in_force", out var tif))
            spec = spec with { TimeInForce = r.Choice(tif, path + ".time_in_force", "gtc", "day", "gtd", "ioc") switch
            {
                "day" => TimeInForce.Day,
                "gtd" => TimeInForce.Gtd,
                "ioc" => TimeInForce.Ioc,
                _ => TimeInForce.Gtc,
            } };
        else if (spec.ExpireAfterCandles is not null || spec.ExpireAt is not null) spec = spec with { TimeInForce = TimeInForce.Gtd };
        CheckOrder(map, path, spec);
        return spec;
    }

    private void CheckOrder(YamlMappingNode map, string path, OrderSpec spec)
    {
        if (spec.Type is OrderType.Limit or OrderType.StopLimit && spec.Limit is null) r.Error(map, path + ".limit", $"a {Name(spec.Type)} order needs a limit offset, e.g. limit: -0.5%");
        if (spec.Type is OrderType.Stop or OrderType.StopLimit && spec.Stop is null) r.Error(map, path + ".stop", $"a {Name(spec.Type)} order needs a stop offset, e.g. stop: 1%");
        if (spec.Type is OrderType.TrailingStop && spec.Trail is null) r.Error(map, path + ".trail", "a trailing_stop order needs a trail distance, e.g. trail: 2%");
        if (spec.TimeInForce == TimeInForce.Gtd && spec.ExpireAfterCandles is null && spec.ExpireAt is null)
            r.Error(map, path + ".time_in_force", "gtd needs expire_after (candles) or expire_at (a time)");
    }

    private static string Name(OrderType type) => WireNames.Of(type);

    /// <summary>A signed offset from the deciding close: <c>-0.5%</c>, <c>+1%</c>, <c>-1.5atr</c>, or a distance map.</summary>
    private PriceDistance? Offset(YamlNode node, string path) => Distance(node, path, signed: true);

    private long? Time(YamlNode node, string path)
    {
        if (r.Text(node, path) is not { } text) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
            return t.ToUnixTimeMilliseconds();
        r.Error(node, path, $"expected an ISO date or date-time such as 2024-01-31, got \"{text}\"");
        return null;
    }
}
