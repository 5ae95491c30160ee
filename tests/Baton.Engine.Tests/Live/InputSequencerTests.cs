using Baton.Engine.Live;
using Baton.Engine.Live.Bus;
using Baton.Engine.Live.Inputs;
using Baton.Engine.Live.Messages;

namespace Baton.Engine.Tests.Live;

public sealed class InputSequencerTests
{
    private static BusEntry E(string stream, string id) => new(stream, id, null, 1);

    private static List<string> Release(InputSequencer sequencer, int max = 100)
    {
        var released = new List<BusEntry>();
        sequencer.Release(released, max);
        return [.. released.Select(e => e.Stream + " " + e.Id)];
    }

    [Fact]
    public void Entries_are_released_in_id_order_across_streams_whatever_stream_came_first()
    {
        var sequencer = new InputSequencer(10);
        sequencer.Add(new BusRead([E(LiveStreams.Signals, "2-0"), E(LiveStreams.Signals, "10-0"), E(LiveStreams.Prices, "1-0"), E(LiveStreams.Prices, "3-5")],
            InputPosition.Through(100, 0)));
        Assert.Equal(["prices:live 1-0", "signals:live 2-0", "prices:live 3-5", "signals:live 10-0"], Release(sequencer));
    }

    [Fact]
    public void Nothing_after_the_horizon_is_released_until_a_later_read_moves_it()
    {
        var sequencer = new InputSequencer(10);
        sequencer.Add(new BusRead([E(LiveStreams.Signals, "5-0"), E(LiveStreams.Prices, "7-0")], InputPosition.Through(6, 0)));
        Assert.Equal(["signals:live 5-0"], Release(sequencer));
        Assert.Equal(1, sequencer.Buffered);
        sequencer.Add(new BusRead([E(LiveStreams.Signals, "6-3")], InputPosition.Through(7, 0)));
        Assert.Equal(["signals:live 6-3", "prices:live 7-0"], Release(sequencer));
    }

    [Fact]
    public void The_same_id_in_two_streams_goes_control_then_signals_then_prices()
    {
        var sequencer = new InputSequencer(10);
        sequencer.Add(new BusRead([E(LiveStreams.Prices, "4-1"), E(LiveStreams.Signals, "4-1"), E(LiveStreams.Control, "4-1")], InputPosition.Through(4, 1)));
        Assert.Equal(["control:live 4-1", "signals:live 4-1", "prices:live 4-1"], Release(sequencer));
    }

    [Fact]
    public void A_stream_holding_a_batch_is_not_read_again_until_it_drains()
    {
        var sequencer = new InputSequencer(2);
        Assert.Equal(LiveStreams.Inputs, sequencer.StreamsToRead);
        sequencer.Add(new BusRead([E(LiveStreams.Prices, "8-0"), E(LiveStreams.Prices, "9-0")], InputPosition.Through(1, 0)));
        Assert.Equal([LiveStreams.Control, LiveStreams.Signals], sequencer.StreamsToRead);
        sequencer.Add(new BusRead([], InputPosition.Through(8, 0)));
        Assert.Equal(["prices:live 8-0"], Release(sequencer, max: 5));
        Assert.Equal(LiveStreams.Inputs, sequencer.StreamsToRead);
    }

    [Fact]
    public void A_release_stops_at_its_maximum_and_the_rest_follows_in_order()
    {
        var sequencer = new InputSequencer(10);
        sequencer.Add(new BusRead([E(LiveStreams.Prices, "1-0"), E(LiveStreams.Prices, "3-0"), E(LiveStreams.Signals, "2-0")], InputPosition.Through(9, 0)));
        Assert.Equal(["prices:live 1-0", "signals:live 2-0"], Release(sequencer, max: 2));
        Assert.Equal(["prices:live 3-0"], Release(sequencer, max: 2));
    }

    [Fact]
    public void Positions_compare_ms_then_seq_numerically_then_stream_rank()
    {
        Assert.True(InputPosition.Of(LiveStreams.Prices, "9-0") < InputPosition.Of(LiveStreams.Control, "10-0"));
        Assert.True(InputPosition.Of(LiveStreams.Prices, "10-2") < InputPosition.Of(LiveStreams.Control, "10-10"));
        Assert.True(InputPosition.Of(LiveStreams.Control, "10-2") < InputPosition.Of(LiveStreams.Prices, "10-2"));
        Assert.Null(InputPosition.Of(LiveStreams.Control, "local-1"));
        Assert.Null(InputPosition.Of(LiveStreams.Events, "1-0"));
    }
}
