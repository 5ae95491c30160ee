namespace Baton.Core.Indicators;

/// <summary>
/// A running total with Neumaier's compensation (an improved Kahan summation), for cumulative
/// indicators (OBV, VWAP) whose sums never restart: the error stays at a few ulps however long they run.
/// </summary>
internal struct CompensatedSum
{
    private double _sum;
    private double _compensation;

    public readonly double Value => _sum + _compensation;

    public void Add(double value)
    {
        double t = _sum + value;
        if (Math.Abs(_sum) >= Math.Abs(value)) _compensation += (_sum - t) + value;
        else _compensation += (value - t) + _sum;
        _sum = t;
    }

    public void Clear()
    {
        _sum = 0;
        _compensation = 0;
    }
}
