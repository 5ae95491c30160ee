using Baton.Core.Market;

namespace Baton.Bench;

/// <summary>
/// The baseline: the SMA-crossover example written by hand, in doubles, as one would without an engine. Same
/// work per candle as the engine's loop, nothing more: fill a pending order at the open (slippage, fee, cash),
/// check the 2% stop and 6% target intrabar, two SMAs with running sums over ring arrays, RSI(14) with Wilder
/// smoothing, one crossover side (the golden and death crosses are its two directions), the exit and entry
/// rules, 10%-of-equity sizing capped by cash and the 25% position cap, the drawdown and daily-loss gate, and
/// per-bar equity, high-water mark and exposure. No events, no order objects, no decimal ledger.
/// </summary>
public sealed class HandWrittenSmaCrossover
{
    // The settings of examples/strategies/sma_crossover.yaml, fixed in code as a hand-written strategy has them.
    private const int FastPeriod = 10, SlowPeriod = 30, RsiPeriod = 14;
    private const double RsiCeiling = 70, PositionFraction = 0.10, MaxPositionFraction = 0.25;
    private const double StopLoss = 0.02, TakeProfit = 0.06, FeeRate = 0.001, Slippage = 5 / 10_000.0;
    private const double MaxDrawdown = 0.20, DailyLoss = 0.03, InitialCash = 100_000, QuantityStep = 1e-8;
    private const long BarMs = 3_600_000, DayMs = 86_400_000;

    private readonly double[] _fastWindow = new double[FastPeriod];
    private readonly double[] _slowWindow = new double[SlowPeriod];
    private int _seen, _fastNext, _slowNext;
    private double _fastSum, _slowSum;
    private double _previousClose, _averageGain, _averageLoss, _rsi = double.NaN;
    private int _side;

    private double _cash = InitialCash, _quantity, _stop, _target;
    private int _pending; // +1 buy at the next open, -1 close at the next open
    private double _pendingQuantity, _pendingStopDistance, _pendingTargetDistance;

    private double _equity = InitialCash, _peak = InitialCash, _dayStart = InitialCash;
    private long _day = long.MinValue;
    private bool _halted;
    private readonly bool _lossLimits;

    /// <param name="lossLimits">Apply the example's 20% max drawdown and 3% daily loss (false: trade on regardless).</param>
    public HandWrittenSmaCrossover(bool lossLimits = true) => _lossLimits = lossLimits;

    public int Trades { get; private set; }
    public int BarsInMarket { get; private set; }
    public double Equity => _equity;
    public bool Halted => _halted;

    /// <summary>Runs the strategy over <paramref name="candles"/>; returns the final equity.</summary>
    public static double Run(ReadOnlySpan<Candle> candles, bool lossLimits)
    {
        var strategy = new HandWrittenSmaCrossover(lossLimits);
        foreach (ref readonly var candle in candles) strategy.OnCandle(candle);
        return strategy.Equity;
    }

    public void OnCandle(in Candle c)
    {
        if (_pending != 0) FillPending(c.Open);
        if (_quantity > 0) CheckStopAndTarget(c);
        UpdateIndicators(c.Close);
        int cross = Cross();
        if (_pending == 0)
        {
            if (cross < 0 && _quantity > 0) _pending = -1;
            else if (cross > 0 && _rsi < RsiCeiling && !_halted && _quantity == 0) TryEnter(c.Close, c.OpenTime + BarMs);
        }
        CloseBar(c.OpenTime + BarMs, _cash + _quantity * c.Close);
    }

    private void FillPending(double open)
    {
        if (_pending < 0) Sell(open * (1 - Slippage));
        else
        {
            double price = open * (1 + Slippage);
            double quantity = Math.Min(_pendingQuantity, Affordable(open));
            if (quantity > 0)
            {
                _cash -= quantity * price * (1 + FeeRate);
                _quantity = quantity;
                _stop = price - _pendingStopDistance;
                _target = price + _pendingTargetDistance;
            }
        }
        _pending = 0;
    }

    private void CheckStopAndTarget(in Candle c)
    {
        if (c.Open <= _stop) Sell(c.Open * (1 - Slippage));
        else if (c.Open >= _target) Sell(c.Open);
        else if (c.Low <= _stop) Sell(_stop * (1 - Slippage));
        else if (c.High >= _target) Sell(_target);
    }

    private void Sell(double price)
    {
        _cash += _quantity * price * (1 - FeeRate);
        _quantity = 0;
        Trades++;
    }

    private void UpdateIndicators(double close)
    {
        _seen++;
        _fastSum += close - _fastWindow[_fastNext];
        _fastWindow[_fastNext] = close;
        if (++_fastNext == FastPeriod) _fastNext = 0;
        _slowSum += close - _slowWindow[_slowNext];
        _slowWindow[_slowNext] = close;
        if (++_slowNext == SlowPeriod) _slowNext = 0;
        if (_seen > 1) UpdateRsi(close - _previousClose);
        _previousClose = close;
    }

    private void UpdateRsi(double change)
    {
        double gain = change > 0 ? change : 0, loss = change < 0 ? -change : 0;
        int changes = _seen - 1;
        if (changes <= RsiPeriod)
        {
            _averageGain += gain / RsiPeriod; // the seed: a simple mean of the first changes
            _averageLoss += loss / RsiPeriod;
            if (changes < RsiPeriod) return;
        }
        else
        {
            _averageGain = (_averageGain * (RsiPeriod - 1) + gain) / RsiPeriod;
            _averageLoss = (_averageLoss * (RsiPeriod - 1) + loss) / RsiPeriod;
        }
        double total = _averageGain + _averageLoss;
        _rsi = total < 1e-12 ? 0 : 100 * _averageGain / total;
    }

    /// <summary>+1 on a golden cross, −1 on a death cross, 0 otherwise; ties keep the last side.</summary>
    private int Cross()
    {
        if (_seen < SlowPeriod) return 0;
        double fast = _fastSum / FastPeriod, slow = _slowSum / SlowPeriod, diff = fast - slow;
        if (Math.Abs(diff) <= 1e-12 * Math.Max(Math.Abs(fast), Math.Abs(slow))) return 0;
        int side = diff > 0 ? 1 : -1, last = _side;
        _side = side;
        return last != 0 && last != side ? side : 0;
    }

    private void TryEnter(double close, long time)
    {
        double equity = _cash, peak = Math.Max(_peak, equity);
        double dayStart = (time - 1) / DayMs == _day ? _dayStart : _equity;
        if (_lossLimits && (equity / peak - 1 <= -MaxDrawdown || equity / dayStart - 1 <= -DailyLoss)) return;
        double quantity = Math.Min(RoundDown(PositionFraction * equity / close), Affordable(close));
        quantity = Math.Min(quantity, RoundDown(MaxPositionFraction * equity / close));
        if (quantity <= 0) return;
        _pending = 1;
        _pendingQuantity = quantity;
        _pendingStopDistance = StopLoss * close;
        _pendingTargetDistance = TakeProfit * close;
    }

    private double Affordable(double price) => RoundDown(_cash / (price * (1 + Slippage) * (1 + FeeRate)));

    private static double RoundDown(double quantity) => quantity <= 0 ? 0 : Math.Floor(quantity / QuantityStep) * QuantityStep;

    private void CloseBar(long time, double equity)
    {
        long day = (time - 1) / DayMs;
        if (day != _day)
        {
            _dayStart = _equity;
            _day = day;
        }
        _equity = equity;
        _peak = Math.Max(_peak, equity);
        if (_quantity > 0) BarsInMarket++;
        if (_lossLimits && !_halted && (equity / _peak - 1 <= -MaxDrawdown || equity / _dayStart - 1 <= -DailyLoss)) _halted = true;
    }
}
