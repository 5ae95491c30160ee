using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Baton.Web.Tests;

/// <summary>
/// One HTTP/1.1 request over a plain socket that keeps reading the answer while it sends the body, as curl does: a
/// server that refuses a large body early (413) and closes the connection is heard, where HttpClient only reports the
/// broken pipe.
/// </summary>
internal static class RawHttp
{
    /// <summary>Sends <paramref name="size"/> bytes of body, with a Content-Length or in chunks; returns the status and
    /// the answer's body (as sent, chunk framing included, which is enough to bound and read a short JSON answer).</summary>
    public static async Task<(int Status, byte[] Body)> SendAsync(Uri server, string method, string path, int size, bool chunked)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = tcp.GetStream();
        string head = $"{method} {path} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: application/json\r\nConnection: close\r\n"
            + (chunked ? "Transfer-Encoding: chunked\r\n" : $"Content-Length: {size.ToString(CultureInfo.InvariantCulture)}\r\n") + "\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var sending = Task.Run(async () =>
        {
            try
            {
                await WriteBodyAsync(stream, size, chunked);
            }
            catch (IOException)
            {
                // refused before the end of the body: the answer is still read below
            }
        });
        using var answer = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer)) > 0) answer.Write(buffer, 0, n);
        }
        catch (IOException)
        {
            // a reset after the answer arrived
        }
        await sending;
        string text = Encoding.UTF8.GetString(answer.ToArray());
        int status = int.Parse(text.Split(' ', 3)[1], CultureInfo.InvariantCulture);
        int bodyStart = text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        string body = text[bodyStart..];
        if (text.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
            body = string.Concat(body.Split("\r\n").Where((_, i) => i % 2 == 1));
        return (status, Encoding.UTF8.GetBytes(body));
    }

    private static async Task WriteBodyAsync(NetworkStream stream, int size, bool chunked)
    {
        var block = new byte[64 * 1024];
        Array.Fill(block, (byte)'a');
        for (int sent = 0; sent < size;)
        {
            int n = Math.Min(block.Length, size - sent);
            if (chunked) await stream.WriteAsync(Encoding.ASCII.GetBytes(n.ToString("x", CultureInfo.InvariantCulture) + "\r\n"));
            await stream.WriteAsync(block.AsMemory(0, n));
            if (chunked) await stream.WriteAsync("\r\n"u8.ToArray());
            sent += n;
        }
        if (chunked) await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
    }
}
