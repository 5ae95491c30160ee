using Baton.Engine.Reporting;

namespace Baton.Engine.Tests.Reporting;

public class DownsamplerTests
{
    private static Downsampler<long> Sums(int capacity, int count)
    {
        var d = new Downsampler<long>(capacity, (a, b) => a + b);
        for (int i = 1; i <= count; i++) d.Add(i);
        return d;
    }

    [Fact]
    public void Keeps_every_item_up_to_the_capacity()
    {
        var d = Sums(10, 10);
        Assert.Equal(1, d.GroupSize);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), d.Items);
    }

    [Theory]
    [InlineData(10, 11, 2)]
    [InlineData(10, 20, 2)]
    [InlineData(10, 21, 4)]
    [InlineData(10, 1000, 128)]
    [InlineData(5000, 12345, 4)]
    public void Beyond_the_capacity_groups_double_until_the_items_fit(int capacity, int count, long group)
    {
        var d = Sums(capacity, count);
        Assert.Equal(group, d.GroupSize);
        Assert.InRange(d.Items.Count, 1, capacity);
        Assert.Equal(count, d.Count);
        Assert.Equal((long)count * (count + 1) / 2, d.Items.Sum());
    }

    [Fact]
    public void Each_kept_item_is_a_run_of_consecutive_items_counted_from_the_first()
    {
        var d = new Downsampler<(int First, int Last)>(4, (a, b) => (a.First, b.Last));
        for (int i = 0; i < 13; i++) d.Add((i, i));
        // 13 items in groups of 4: 0-3, 4-7, 8-11, 12 (the last group still filling)
        Assert.Equal(4, d.GroupSize);
        Assert.Equal([(0, 3), (4, 7), (8, 11), (12, 12)], d.Items);
        d.Add((13, 13));
        Assert.Equal((12, 13), d.Items[^1]);
    }

    [Fact]
    public void Capacity_must_be_even_and_at_least_two()
    {
        Assert.Throws<ArgumentException>(() => new Downsampler<int>(5, (a, _) => a));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Downsampler<int>(0, (a, _) => a));
    }
}
