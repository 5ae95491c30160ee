using Baton.Engine.Reporting;

namespace Baton.Engine.Tests.Reporting;

public class BackgroundWriterTests
{
    [Fact]
    public void Keeps_every_byte_in_order_across_buffer_switches_and_oversized_writes()
    {
        var random = new Random(3);
        var expected = new MemoryStream();
        var stream = new MemoryStream();
        var writer = new BackgroundWriter(stream, bufferSize: 64);
        for (int i = 0; i < 5000; i++)
        {
            var chunk = new byte[random.Next(4) == 0 ? random.Next(60, 200) : random.Next(0, 20)];
            random.NextBytes(chunk);
            expected.Write(chunk);
            writer.Write(chunk);
        }
        writer.Complete();
        Assert.Equal(expected.ToArray(), stream.ToArray());
    }

    [Fact]
    public void A_failed_write_surfaces_at_complete()
    {
        var writer = new BackgroundWriter(new FailingStream(), bufferSize: 16);
        writer.Write(new byte[10]);
        var error = Assert.Throws<IOException>(writer.Complete);
        Assert.Equal("disk full", error.Message);
    }

    private sealed class FailingStream : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("disk full");
    }
}
