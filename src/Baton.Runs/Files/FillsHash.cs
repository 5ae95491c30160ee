using System.Text;
using Baton.Core.Orders;
using Baton.Engine.Events;

namespace Baton.Runs.Files;

/// <summary>
/// A fingerprint of a run's fills in order (order id, symbol, side, quantity, average price, fees, time of the
/// final state), as golden backtests pin it: any change in what traded, when, or at what price changes it.
/// </summary>
public static class FillsHash
{
    public static string Of(IReadOnlyList<Order> orders, IReadOnlyList<string> symbols)
    {
        var text = new StringBuilder();
        foreach (var o in orders)
        {
            if (o.FilledQuantity == 0) continue;
            long time = o.History.Count > 0 ? o.History[^1].Time : o.CreatedAt;
            text.Append(o.Id).Append('|').Append(symbols[o.Symbol]).Append('|').Append(o.Side == OrderSide.Buy ? 'B' : 'S')
                .Append('|').Append(Formats.Number(o.FilledQuantity)).Append('|').Append(Formats.Number(o.AveragePrice))
                .Append('|').Append(Formats.Number(o.Fees)).Append('|').Append(Formats.Time(time)).Append('\n');
        }
        return RunManifest.HashText(text.ToString());
    }
}
