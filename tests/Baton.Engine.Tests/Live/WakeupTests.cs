using System.Diagnostics;
using Baton.Engine.Live;
using Baton.Engine.Live.Bus;
using Baton.Engine.Live.Messages;

namespace Baton.Engine.Tests.Live;

public sealed class WakeupTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_set_after_arm_ends_a_wait_that_starts_later()
    {
        var w = new Wakeup();
        w.Arm();
        w.Set();
        var clock = Stopwatch.StartNew();
        await w.WaitAsync(Long, TimeProvider.System, CancellationToken.None);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_set_ends_a_wait_under_way()
    {
        var w = new Wakeup();
        w.Arm();
        var wait = w.WaitAsync(Long, TimeProvider.System, CancellationToken.None);
        Assert.False(wait.IsCompleted);
        w.Set();
        Assert.Same(wait, await Task.WhenAny(wait, Task.Delay(5000)));
    }

    [Fact]
    public async Task Arm_forgets_earlier_sets_and_the_wait_runs_its_timeout()
    {
        var w = new Wakeup();
        w.Set();
        w.Arm();
        var clock = Stopwatch.StartNew();
        await w.WaitAsync(TimeSpan.FromMilliseconds(100), TimeProvider.System, CancellationToken.None);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(90), clock.Elapsed.ToString());
    }

    [Fact]
    public async Task In_process_bus_publish_between_an_empty_read_and_the_wait_is_not_missed()
    {
        var bus = new InProcessBus();
        Assert.Empty((await bus.ReadAsync(10, CancellationToken.None)).Entries);
        await bus.PublishAsync(LiveStreams.Signals, "{}", CancellationToken.None);
        var clock = Stopwatch.StartNew();
        await bus.WaitAsync(Long, CancellationToken.None);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Single((await bus.ReadAsync(10, CancellationToken.None)).Entries);
    }
}
