using Baton.Core.Orders;

namespace Baton.Core.Portfolio;

/// <summary>
/// Cash, positions and the portfolio state machine. The ledger is exact: cash, fills, fees and realised P&amp;L
/// are decimal. Valuation (equity) uses double market prices: <see cref="Equity"/> is a mark, not a ledger entry.
/// </summary>
public sealed class Portfolio
{
    private readonly Position?[] _positions;
    private readonly double[] _lastPrice;
    private readonly List<Trade> _trades = [];
    private double _cashValue;

    public Portfolio(decimal initialCash, int symbolCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialCash);
        InitialCash = initialCash;
        Cash = initialCash;
        _cashValue = (double)initialCash;
        _positions = new Position?[symbolCount];
        _lastPrice = new double[symbolCount];
    }

    public decimal InitialCash { get; }
    public decimal Cash { get; private set; }

    /// <summary><see cref="Cash"/> as a double, as valuation uses it (kept with it, not converted per mark).</summary>
    public double CashValue => _cashValue;
    public decimal RealizedPnl { get; private set; }
    public decimal TotalFees { get; private set; }
    public int OpenPositions { get; private set; }
    public PortfolioState State { get; private set; } = PortfolioState.Initialized;
    public IReadOnlyList<Trade> Trades => _trades;

    /// <summary>Raised after every state change with (from, to, reason).</summary>
    public event Action<PortfolioState, PortfolioState, string>? StateChanged;

    /// <summary>The open position of <paramref name="symbol"/>, or null.</summary>
    public Position? PositionOf(int symbol) => _positions[symbol];

    public double LastPrice(int symbol) => _lastPrice[symbol];

    /// <summary>Marks <paramref name="symbol"/> at <paramref name="price"/> (the latest close).</summary>
    public void Mark(int symbol, double price) => _lastPrice[symbol] = price;

    /// <summary>Cash plus open positions at their last marks.</summary>
    public double Equity
    {
        get
        {
            double equity = _cashValue;
            if (OpenPositions == 0) return equity;
            for (int i = 0; i < _positions.Length; i++)
                if (_positions[i] is { } p) equity += (double)p.Quantity * _lastPrice[i];
            return equity;
        }
    }

    /// <summary>Absolute notional of open positions at their last marks.</summary>
    public double GrossExposure
    {
        get
        {
            double gross = 0;
            for (int i = 0; i < _positions.Length; i++)
                if (_positions[i] is { } p) gross += Math.Abs((double)p.Quantity * _lastPrice[i]);
            return gross;
        }
    }

    public void MoveTo(PortfolioState to, string reason)
    {
        if (!PortfolioStates.CanMove(State, to))
            throw new InvalidOperationException($"portfolio: illegal transition {State} -> {to}");
        var from = State;
        State = to;
        StateChanged?.Invoke(from, to, reason);
    }

    /// <summary>
    /// Books a fill: moves cash, opens, grows, shrinks or closes the position and realises P&amp;L on any
    /// reduction. A position's round trip is one <see cref="Trade"/>, recorded when the position is back to zero,
    /// however many fills opened and closed it. Returns that trade, or null.
    /// </summary>
    public Trade? ApplyFill(int symbol, OrderSide side, decimal quantity, decimal price, decimal fee, long time, string reason)
    {
        decimal signed = side == OrderSide.Buy ? quantity : -quantity;
        Cash -= signed * price + fee;
        TotalFees += fee;
        _cashValue = (double)Cash;
        var position = _positions[symbol];
        if (position is null || position.Quantity == 0)
            return Open(symbol, signed, price, fee, time);
        if (Math.Sign(position.Quantity) == Math.Sign(signed))
        {
            position.AveragePrice = (position.AveragePrice * position.Quantity + price * signed) / (position.Quantity + signed);
            position.Quantity += signed;
            position.EntryFees += fee;
            position.Trip.AddEntry(quantity, price, fee);
            return null;
        }
        return Reduce(position, signed, price, fee, time, reason);
    }

    private Trade? Open(int symbol, decimal signed, decimal price, decimal fee, long time)
    {
        var position = new Position(symbol) { Quantity = signed, AveragePrice = price, OpenedAt = time, EntryFees = fee };
        position.Trip.AddEntry(Math.Abs(signed), price, fee);
        _positions[symbol] = position;
        OpenPositions++;
        if (State == PortfolioState.Trading) MoveTo(PortfolioState.PositionOpen, "position opened");
        return null;
    }

    private Trade? Reduce(Position position, decimal signed, decimal price, decimal fee, long time, string reason)
    {
        decimal closing = Math.Min(Math.Abs(signed), Math.Abs(position.Quantity));
        decimal direction = position.Quantity > 0 ? 1m : -1m;
        decimal entryFeeShare = position.EntryFees * closing / Math.Abs(position.Quantity);
        decimal exitFeeShare = closing == Math.Abs(signed) ? fee : fee * closing / Math.Abs(signed);   // split only on a flip
        decimal gross = (price - position.AveragePrice) * closing * direction;
        RealizedPnl += gross;
        position.Trip.AddExit(closing, price, exitFeeShare);
        position.EntryFees -= entryFeeShare;
        position.Quantity += direction > 0 ? -closing : closing;
        decimal rest = Math.Abs(signed) - closing;
        Trade? trade = null;
        if (position.Quantity == 0)
        {
            trade = position.Trip.ToTrade(position, direction > 0, time, reason);
            _trades.Add(trade);
            _positions[position.Symbol] = null;
            OpenPositions--;
            if (OpenPositions == 0 && State == PortfolioState.PositionOpen) MoveTo(PortfolioState.Trading, "all positions closed");
            if (rest > 0) Open(position.Symbol, signed > 0 ? rest : -rest, price, fee - exitFeeShare, time);
        }
        return trade;
    }
}
