using System.Globalization;
using Baton.Core.Rules;
using Baton.Engine.Strategy;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Baton.Yaml;

/// <summary>Reads the rule and settings sections: <c>entry</c>, <c>exit</c>, <c>risk</c>, <c>sizing</c>, <c>execution</c>.</summary>
internal sealed partial class Settings(YamlReader r, Dependencies deps)
{
    private static readonly string[] Actions = ["buy", "sell", "short", "cover", "close"];

    /// <summary>The widest distance in ATRs (a stop, target, trail or order offset).</summary>
    private const double MaxAtrMultiple = 1000;

    /// <summary>Risk sizings with no <c>stop:</c> of their own: they size from <c>exit.stop_loss</c>, which must then exist.</summary>
    private readonly List<(YamlNode Node, string Path)> _riskWithoutStop = [];

    /// <summary>Reports every risk sizing that has no stop to measure its risk from (no <c>stop:</c> and no
    /// <c>exit.stop_loss</c>): it could never size an entry.</summary>
    public void RequireRiskStops(ExitSpec exit)
    {
        if (exit.StopLoss is not null) return;
        foreach (var (node, path) in _riskWithoutStop)
            r.Error(node, path, "risk sizing needs a stop to measure the risk: add stop: (such as 2% or 2atr) here, or exit.stop_loss");
    }

    public List<RuleSpec> Rules(YamlNode node, string path)
    {
        var rules = new List<RuleSpec>();
        foreach (var (item, i) in r.List(node, path).Select((n, i) => (n, i)))
            if (Rule(item, $"{path}[{i}]") is { } rule) rules.Add(rule);
        return rules;
    }

    private RuleSpec? Rule(YamlNode node, string path)
    {
        if (r.Map(node, path) is not { } map) return null;
        var e = r.Entries(map, path, ["when", "action", "size", "order"]);
        if (!e.TryGetValue("when", out var when)) r.Error(map, path + ".when", "missing required key");
        if (!e.TryGetValue("action", out var actionNode)) r.Error(map, path + ".action", "missing required key");
        string? text = when is null ? null : r.Text(when, path + ".when");
        string? action = actionNode is null ? null : r.Choice(actionNode, path + ".action", Actions);
        SizingSpec? size = e.TryGetValue("size", out var sizeNode) ? RuleSize(sizeNode, path + ".size") : null;
        OrderSpec? order = e.TryGetValue("order", out var orderNode) ? Order(orderNode, path + ".order") : null;
        foreach (var key in (ReadOnlySpan<string>)["size", "order"])
            if (path.StartsWith("exit.", StringComparison.Ordinal) && e.TryGetValue(key, out var ignored))
                r.Error(ignored, $"{path}.{key}", $"an exit rule closes the whole position at market; {key} applies to entry rules only");
        if (text is null || action is null || when is null) return null;
        if (!CheckCondition(when, text, path + ".when")) return null;
        var location = new SourceLocation(r.File, (int)when.Start.Line, (int)when.Start.Column);
        return new RuleSpec(text, Enum.Parse<TradeAction>(action, ignoreCase: true), location, size, order);
    }

    private bool CheckCondition(YamlNode when, string text, string path)
    {
        int quote = when is YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } ? 1 : 0;
        try
        {
            bool ok = true;
            foreach (var id in RuleParser.Identifiers(RuleParser.Parse(text)))
            {
                if (deps.IsKnown(id.Name)) continue;
                string hint = YamlReader.Suggest(id.Name, deps.Names) is { } s ? $"did you mean '{s}'? " : "";
                r.Error(when, quote + id.Position, path, $"unknown name '{id.Name}'; {hint}(known: {string.Join(", ", deps.Names)})");
                ok = false;
            }
            return ok;
        }
        catch (RuleSyntaxException e)
        {
            string shown = text.Length <= 80 ? text : text[..77] + "...";   // a hostile condition is not echoed whole
            r.Error(when, quote + e.Position, path, $"condition \"{shown}\": {e.Message}");
            return false;
        }
    }

    public ExitSpec Exit(YamlNode node)
    {
        if (r.Map(node, "exit") is not { } map) return new ExitSpec();
        var e = r.Entries(map, "exit", ["stop_loss", "take_profit", "trailing_stop", "target_first", "signals"]);
        return new ExitSpec
        {
            StopLoss = e.TryGetValue("stop_loss", out var sl) ? Distance(sl, "exit.stop_loss") : null,
            TakeProfit = e.TryGetValue("take_profit", out var tp) ? Distance(tp, "exit.take_profit") : null,
            TrailingStop = e.TryGetValue("trailing_stop", out var ts) ? Distance(ts, "exit.trailing_stop") : null,
            TargetFirst = e.TryGetValue("target_first", out var tf) && (r.Bool(tf, "exit.target_first") ?? false),
            Signals = e.TryGetValue("signals", out var signals) ? Rules(signals, "exit.signals") : [],
        };
    }

    public RiskSpec Risk(YamlNode node)
    {
        if (r.Map(node, "risk") is not { } map) return new RiskSpec();
        var e = r.Entries(map, "risk", ["max_drawdown", "daily_loss", "max_positions", "max_position_size", "on_breach", "time_zone"]);
        string zone = e.TryGetValue("time_zone", out var tz) ? r.Text(tz, "risk.time_zone") ?? "UTC" : "UTC";
        if (zone != "UTC" && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            r.Error(tz!, "risk.time_zone", $"unknown time zone '{zone}'; expected an IANA id such as America/New_York");
        return new RiskSpec
        {
            MaxDrawdown = e.TryGetValue("max_drawdown", out var dd) ? r.Fraction(dd, "risk.max_drawdown", 1e-9, 1) : null,
            DailyLoss = e.TryGetValue("daily_loss", out var dl) ? r.Fraction(dl, "risk.daily_loss", 1e-9, 1) : null,
            MaxPositions = e.TryGetValue("max_positions", out var mp) ? r.Integer(mp, "risk.max_positions", 1) : null,
            MaxPositionSize = e.TryGetValue("max_position_size", out var ps) ? r.Fraction(ps, "risk.max_position_size", 1e-9, 100) : null,
            OnBreach = e.TryGetValue("on_breach", out var ob) && r.Choice(ob, "risk.on_breach", "stop", "close_all") == "close_all"
                ? BreachAction.CloseAll : BreachAction.Stop,
            TimeZone = zone,
        };
    }

    public SizingSpec Sizing(YamlNode? node, Dictionary<string, string> parameters, YamlNode? parametersNode)
    {
        if (node is not null) return SizingMap(node, "sizing");
        if (!parameters.TryGetValue("position_size", out var text) || parametersNode is not YamlMappingNode p) return new SizingSpec();
        var valueNode = p.Children.First(kv => (kv.Key as YamlScalarNode)?.Value == "position_size").Value;
        double? fraction = r.Fraction(valueNode, "parameters.position_size", text, 1e-9, 100);
        return new SizingSpec { Kind = SizingKind.EquityFraction, Value = (decimal)(fraction ?? 0.1), Fractional = true };
    }

    private SizingSpec RuleSize(YamlNode node, string path)
    {
        if (node is YamlMappingNode) return SizingMap(node, path);
        double? fraction = r.Fraction(node, path, 1e-9, 100);
        return new SizingSpec { Kind = SizingKind.EquityFraction, Value = (decimal)(fraction ?? 0.1), Fractional = true };
    }

    private SizingSpec SizingMap(YamlNode node, string path)
    {
        if (r.Map(node, path) is not { } map) return new SizingSpec();
        var e = r.Entries(map, path, ["type", "value", "stop", "fractional", "step"]);
        string type = e.TryGetValue("type", out var t) ? r.Choice(t, path + ".type", "quantity", "percent_equity", "cash", "risk") ?? "percent_equity" : "percent_equity";
        var kind = type switch { "quantity" => SizingKind.Quantity, "cash" => SizingKind.Cash, "risk" => SizingKind.Risk, _ => SizingKind.EquityFraction };
        decimal value = 0.1m;
        if (!e.TryGetValue("value", out var v)) r.Error(map, path + ".value", "missing required key");
        else if (kind is SizingKind.EquityFraction or SizingKind.Risk) value = (decimal)(r.Fraction(v, path + ".value", 1e-9, 100) ?? 0.1);
        else value = r.Money(v, path + ".value", 0.00000001m) ?? 1m;
        if (kind == SizingKind.Risk && !e.ContainsKey("stop")) _riskWithoutStop.Add((t!, path + ".type"));
        return new SizingSpec
        {
            Kind = kind,
            Value = value,
            RiskDistance = e.TryGetValue("stop", out var stop) ? Distance(stop, path + ".stop") : null,
            Fractional = !e.TryGetValue("fractional", out var f) || (r.Bool(f, path + ".fractional") ?? true),
            QuantityStep = e.TryGetValue("step", out var step) ? r.Money(step, path + ".step", 0.00000001m) ?? 0.00000001m : 0.00000001m,
        };
    }

    /// <summary><c>2%</c>, <c>2.5atr</c>, <c>{atr: 2.5, period: 14}</c>, <c>{atr: 2, indicator: my_atr}</c> or <c>{amount: 1.5}</c>.</summary>
    /// <param name="signed">An offset from a price (<c>-0.5%</c>, <c>+1atr</c>): the sign is kept and zero is allowed.</param>
    private PriceDistance? Distance(YamlNode node, string path, bool signed = false)
    {
        if (node is YamlMappingNode map)
        {
            var e = r.Entries(map, path, ["atr", "period", "indicator", "amount"]);
            if (e.TryGetValue("amount", out var amount))
                return r.Number(amount, path + ".amount", 1e-12) is { } a ? new PriceDistance(DistanceKind.Amount, a) : null;
            if (!e.TryGetValue("atr", out var atr)) { r.Error(map, path, "expected atr: or amount:"); return null; }
            int period = e.TryGetValue("period", out var p) ? r.Integer(p, path + ".period", 1, 100_000) ?? 14 : 14;
            string? id = e.TryGetValue("indicator", out var ind) ? r.Text(ind, path + ".indicator") : null;
            if (id is not null && !deps.Indicators.Any(x => x.Id == id && x.Type == "atr"))
                r.Error(ind!, path + ".indicator", $"'{id}' is not an atr indicator of this strategy");
            return r.Number(atr, path + ".atr", 1e-12, MaxAtrMultiple) is { } m ? new PriceDistance(DistanceKind.AtrMultiple, m, id, period) : null;
        }
        if (r.Text(node, path) is not { } text) return null;
        if (text.EndsWith("atr", StringComparison.Ordinal))
        {
            if (double.TryParse(text[..^3], NumberStyles.Float, CultureInfo.InvariantCulture, out double m)
                && (m > 0 || (signed && m > -MaxAtrMultiple)) && m <= MaxAtrMultiple)
                return new PriceDistance(DistanceKind.AtrMultiple, m);
            r.Error(node, path, $"expected an ATR multiple such as 2.5atr (at most {MaxAtrMultiple}atr), got \"{text}\"");
            return null;
        }
        return r.Fraction(node, path, signed ? -0.99 : 1e-9, 10) is { } f ? new PriceDistance(DistanceKind.Fraction, f) : null;
    }
}
