namespace Baton.Runs.Reading;

/// <summary>The CSV run files as rows for the views: <c>candles.csv</c>, <c>trades.csv</c>, <c>orders.csv</c>.</summary>
internal static class RunTables
{
    /// <summary>The price chart bars per symbol, in file order (the strategy's symbol order).</summary>
    public static List<PriceSeries> Prices(string path)
    {
        var series = new List<PriceSeries>();
        using var csv = RunCsv.Open(path);
        if (csv is null) return series;
        string? symbol = null;
        long group = 1;
        List<long> time = [];
        List<double> open = [], high = [], low = [], close = [];
        while (csv.Read())
        {
            string s = csv.Text("symbol");
            if (s != symbol)
            {
                if (symbol is not null) series.Add(new PriceSeries(symbol, group, time, open, high, low, close));
                (symbol, group, time, open, high, low, close) = (s, 1, [], [], [], [], []);
            }
            time.Add(csv.Time("time"));
            open.Add(csv.Double("open"));
            high.Add(csv.Double("high"));
            low.Add(csv.Double("low"));
            close.Add(csv.Double("close"));
            group = Math.Max(group, csv.Long("candles"));
        }
        if (symbol is not null) series.Add(new PriceSeries(symbol, group, time, open, high, low, close));
        return series;
    }

    public static (List<TradeRow> Rows, long Count) Trades(string path)
    {
        var rows = new List<TradeRow>();
        long count = 0;
        using var csv = RunCsv.Open(path);
        while (csv is not null && csv.Read())
        {
            if (count++ >= RunReader.MaxRows) continue;
            rows.Add(new TradeRow(csv.Text("symbol"), csv.Text("side"), csv.Decimal("quantity"), csv.Time("entry_time"),
                csv.Decimal("entry_price"), csv.Time("exit_time"), csv.Decimal("exit_price"), csv.Decimal("fees"), csv.Decimal("pnl"),
                csv.Double("return"), csv.Text("exit_reason")));
        }
        return (rows, count);
    }

    public static (List<OrderRow> Rows, long Count) Orders(string path)
    {
        var rows = new List<OrderRow>();
        long count = 0;
        using var csv = RunCsv.Open(path);
        while (csv is not null && csv.Read())
        {
            if (count++ >= RunReader.MaxRows) continue;
            rows.Add(new OrderRow(csv.Long("id"), csv.Text("symbol"), csv.Text("side"), csv.Text("intent"), csv.Decimal("quantity"),
                csv.Decimal("filled_quantity"), csv.Decimal("average_price"), csv.Decimal("fees"), csv.Text("state"),
                csv.Time("created_at"), History(csv)));
        }
        return (rows, count);
    }

    /// <summary><c>state@time (reason);...</c> as steps.</summary>
    private static List<OrderStep> History(RunCsv csv)
    {
        var steps = new List<OrderStep>();
        foreach (string part in csv.Text("history").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            int at = part.IndexOf('@', StringComparison.Ordinal);
            if (at <= 0) throw csv.Bad("history", "state@time", part);
            string rest = part[(at + 1)..];
            int space = rest.IndexOf(' ', StringComparison.Ordinal);
            string when = space < 0 ? rest : rest[..space];
            string? reason = space < 0 ? null : rest[(space + 1)..].Trim().TrimStart('(').TrimEnd(')');
            long time = RunTime.Seconds(when) ?? throw csv.Bad("history", "state@time", part);
            steps.Add(new OrderStep(part[..at], time, reason));
        }
        return steps;
    }
}
