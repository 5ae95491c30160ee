using Baton.Runs.Files;

namespace Baton.Runs.Tests.Files;

public class DownsamplerTests
{
    private readonly record struct Sum(long Value) : IMergeable<Sum>
    {
        public static Sum Merge(in Sum earlier, in Sum later) => new(earlier.Value + later.Value);
    }

    private readonly record struct Run(int First, int Last) : IMergeable<Run>
    {
        public static Run Merge(in Run earlier, in Run later) => new(earlier.First, later.Last);
    }

    private static Downsampler<Sum> Sums(int capacity, int count)
    {
        var d = new Downsampler<Sum>(capacity);
        for (int i = 1; i <= count; i++) d.Add(new Sum(i));
        return d;
    }

    [Fact]
    public void Keeps_every_item_up_to_the_capacity()
    {
        var d = Sums(10, 10);
        Assert.Equal(1, d.GroupSize);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => new Sum(i)), d.Items);
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
        Assert.Equal((long)count * (count + 1) / 2, d.Items.Sum(s => s.Value));
    }

    [Fact]
    public void Each_kept_item_is_a_run_of_consecutive_items_counted_from_the_first()
    {
        var d = new Downsampler<Run>(4);
        for (int i = 0; i < 13; i++) d.Add(new Run(i, i));
        // 13 items in groups of 4: 0-3, 4-7, 8-11, 12 (the last group still filling)
        Assert.Equal(4, d.GroupSize);
        Assert.Equal([new Run(0, 3), new Run(4, 7), new Run(8, 11), new Run(12, 12)], d.Items);
        d.Add(new Run(13, 13));
        Assert.Equal(new Run(12, 13), d.Items[^1]);
    }

    [Fact]
    public void Capacity_must_be_even_and_at_least_two()
    {
        Assert.Throws<ArgumentException>(() => new Downsampler<Sum>(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Downsampler<Sum>(0));
    }

    [Fact]
    public void Items_merged_in_place_into_the_last_count_as_added_ones()
    {
        var inPlace = new Downsampler<Sum>(4);
        for (int i = 1; i <= 1000; i++)
        {
            if (inPlace.Room > 0)
            {
                inPlace.Last = Sum.Merge(inPlace.Last, new Sum(i));
                inPlace.Merged(1);
            }
            else
            {
                inPlace.Add(new Sum(i));
            }
        }
        var added = Sums(4, 1000);
        Assert.Equal(added.Items, inPlace.Items);
        Assert.Equal(added.GroupSize, inPlace.GroupSize);
        Assert.Equal(1000, inPlace.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => inPlace.Merged(inPlace.Room + 1));
    }
}
