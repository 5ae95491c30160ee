using Baton.Engine.Data;
using Baton.Research.Parameters;

namespace Baton.Research.WalkForward;

/// <summary>One walk-forward window: optimise on [TrainFrom, TrainTo), then test on [TestFrom, TestTo) =
/// [TrainTo, TrainTo + test). Times are Unix ms, each range half-open.</summary>
public sealed record WalkForwardWindow(int Index, long TrainFrom, long TrainTo, long TestFrom, long TestTo)
{
    /// <summary>The training range as <c>--from</c>/<c>--to</c> take it (both ends included: the end 1 s before the
    /// next range starts, so candles on whole seconds fall in exactly one range).</summary>
    public TimeRange Training => new(TrainFrom, TrainTo - 1000);

    /// <summary>The test range, as <see cref="Training"/>.</summary>
    public TimeRange Testing => new(TestFrom, TestTo - 1000);
}

/// <summary>
/// The windows over the data: the first training range starts at the first candle; window k's training starts k steps
/// later (rolling) or always at the first candle and ends k steps later (anchored); its test follows its training. A
/// window is kept while its test ends no later than the end of the data (the last candle's open time plus the
/// timeframe): every test range is whole, none overlaps another when the step equals the test (the default).
/// </summary>
public static class WalkForwardWindows
{
    public const int MaxWindows = 1000;

    /// <param name="first">The first candle's open time (Unix ms).</param>
    /// <param name="end">The end of the data: the last candle's open time plus the timeframe.</param>
    public static IReadOnlyList<WalkForwardWindow> Plan(long first, long end, WindowLength train, WindowLength test,
        WindowLength step, bool anchored)
    {
        var windows = new List<WalkForwardWindow>();
        for (int k = 0; ; k++)
        {
            long trainTo = anchored ? step.After(train.After(first, 1), k) : train.After(step.After(first, k), 1);
            long trainFrom = anchored ? first : step.After(first, k);
            long testTo = test.After(trainTo, 1);
            if (testTo > end) break;
            if (windows.Count == MaxWindows)
                throw new SweepInputException($"--step {step}: more than {MaxWindows:N0} windows over the data; take a longer step");
            windows.Add(new WalkForwardWindow(k, trainFrom, trainTo, trainTo, testTo));
        }
        if (windows.Count == 0)
        {
            throw new SweepInputException($"--train {train} --test {test}: the data from {Time(first)} to {Time(end)} is shorter "
                + "than one training and one test window");
        }
        return windows;
    }

    private static string Time(long ms) => Baton.Engine.Events.Formats.Time(ms);
}
