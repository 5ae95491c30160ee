using Baton.Runs.Folder;

namespace Baton.Runs.Tests.Folder;

public sealed class BackgroundFileStreamTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("baton-bgfile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Full 4 MiB blocks (written by the other thread; past four, blocks are reused) and a partial tail, in
    /// writes of odd sizes.</summary>
    private static byte[] WriteInPieces(string path, int total)
    {
        var random = new Random(7);
        var expected = new byte[total];
        random.NextBytes(expected);
        using (var stream = new BackgroundFileStream(path))
        {
            int at = 0;
            while (at < total)
            {
                int n = Math.Min(random.Next(1, 70_000), total - at);
                stream.Write(expected.AsSpan(at, n));
                at += n;
            }
            Assert.Equal(total, stream.Length);
        }
        return expected;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1 << 20)]
    [InlineData((5 << 20) + 4095)]
    [InlineData(4 << 20)]
    [InlineData((9 << 20) + 12_345)]
    [InlineData((37 << 20) + 777)]
    public void The_file_holds_exactly_the_bytes_written(int total)
    {
        string path = Path.Combine(_dir, "out.bin");
        var expected = WriteInPieces(path, total);
        Assert.Equal(expected, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_write_the_other_thread_fails_is_thrown_to_the_writer()
    {
        if (!File.Exists("/dev/full")) return;   // a device whose every write fails
        var stream = new BackgroundFileStream("/dev/full");
        var block = new byte[1 << 20];
        var e = Assert.ThrowsAny<IOException>(() =>
        {
            for (int i = 0; i < 20; i++) stream.Write(block);   // blocks go to the other thread, whose failure comes back
            stream.Dispose();
        });
        Assert.StartsWith("could not write the file: No space left on device", e.Message);
        Assert.Throws<IOException>(stream.Dispose);   // disposing still reports the failure, and frees the blocks
    }
}
