using Baton.Core.Signals;

namespace Baton.Core.Tests.Signals;

public class SignalAllocationTests
{
    public static TheoryData<string> Names => [.. Signals().Keys];

    private static Dictionary<string, Func<SignalComponent>> Signals() => new()
    {
        ["breakout"] = () => new BreakoutSignal(0, 2, 3, BreakoutDirection.Any),
        ["rising"] = () => new StreakSignal(0, 3, rising: true),
        ["divergence"] = () => new DivergenceSignal(3, 4, 20, bullish: true),
        ["engulfing"] = () => new EngulfingSignal(bullish: true),
        ["hammer"] = () => new HammerSignal(),
        ["doji"] = () => new DojiSignal(),
        ["morning_star"] = () => new StarSignal(morning: true),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Evaluate_allocates_nothing(string name)
    {
        var signal = Signals()[name]();
        var slots = new double[8];
        void Feed(int from, int count)
        {
            for (int i = from; i < from + count; i++)
            {
                double close = 100 + 10 * Math.Sin(i * 0.3);
                slots[0] = close;
                slots[1] = close - Math.Cos(i * 0.7);
                slots[2] = Math.Max(close, slots[1]) + 0.5;
                slots[3] = Math.Min(close, slots[1]) - 0.5;
                slots[4] = 1000 + i % 7;
                signal.Evaluate(slots);
            }
        }
        Feed(0, 1000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Feed(1000, 10_000);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
