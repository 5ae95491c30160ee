using System.Net;
using Baton.Cluster.Hosting;

namespace Baton.Cluster.Tests.Hosting;

public sealed class ClusterAddressTests
{
    [Theory]
    [InlineData("redis://127.0.0.1:6379", "127.0.0.1", 6379, null, 0)]
    [InlineData("  redis://localhost:1/  ", "localhost", 1, null, 0)]
    [InlineData("REDIS://Cache.Example:65535/15", "cache.example", 65535, null, 15)]
    [InlineData("redis://host:6380/0", "host", 6380, null, 0)]
    [InlineData("redis://host:6380/07", "host", 6380, null, 7)]
    [InlineData("redis://:s3cret@host:6379/3", "host", 6379, "s3cret", 3)]
    [InlineData("redis://user:s3cret@host:6379", "host", 6379, "s3cret", 0)]
    [InlineData("redis://:p%40ss%3Aw%2Fo%25rd@host:6379", "host", 6379, "p@ss:w/o%rd", 0)]
    [InlineData("redis://:a%20b@host:6379", "host", 6379, "a b", 0)]
    [InlineData("redis://[::1]:6379/2", "::1", 6379, null, 2)]
    public void A_good_address_gives_its_parts(string text, string host, int port, string? password, int db)
    {
        var address = ClusterAddress.Parse(text);
        Assert.Equal(new ClusterAddress(host, port, password, db), address);
    }

    [Theory]
    [InlineData("", "is not a Redis address")]
    [InlineData("127.0.0.1:6379", "is not a Redis address")]
    [InlineData("http://host:6379", "is not a Redis address")]
    [InlineData("rediss://host:6379", "is not a Redis address")]
    [InlineData("redis:///6379", "is not a Redis address")]
    [InlineData("redis://host", "no port")]
    [InlineData("redis://host:0", "no port")]
    [InlineData("redis://host:65536", "is not a Redis address")]
    [InlineData("redis://host:-1", "is not a Redis address")]
    [InlineData("redis://host:6379/1024", "not a Redis database number (0 to 15 on a default server")]
    [InlineData("redis://host:6379/-1", "not a Redis database number (0 to 15 on a default server")]
    [InlineData("redis://host:6379/x", "not a Redis database number (0 to 15 on a default server")]
    [InlineData("redis://host:6379/1/2", "not a Redis database number (0 to 15 on a default server")]
    [InlineData("redis://host:6379?db=1", "has a query")]
    [InlineData("redis://host:6379/1?password=x", "has a query")]
    [InlineData("redis://host:6379#top", "has a query")]
    public void A_bad_address_is_refused_naming_the_option_and_what_was_expected(string text, string why)
    {
        var e = Assert.Throws<FormatException>(() => ClusterAddress.Parse(text));
        Assert.StartsWith("--cluster: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
        Assert.Contains("expected redis://HOST:PORT", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("redis://:hunter2@host")]
    [InlineData("redis://:hunter2@host:0")]
    [InlineData("redis://user:hunter2@host:6379/1024")]
    [InlineData("redis://:hunter2@host:6379?x=1")]
    [InlineData("http://:hunter2@host:6379")]
    public void A_refused_address_never_shows_its_password(string text)
    {
        var e = Assert.Throws<FormatException>(() => ClusterAddress.Parse(text));
        Assert.DoesNotContain("hunter2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_address_is_shown_without_its_password()
    {
        Assert.Equal("redis://host:6379/4", ClusterAddress.Parse("redis://:hunter2@host:6379/4").ToString());
        Assert.Equal("redis://host:6379", ClusterAddress.Parse("redis://:hunter2@host:6379").ToString());
        Assert.Equal("redis://[::1]:6379/1", ClusterAddress.Parse("redis://:hunter2@[::1]:6379/1").ToString());
    }

    [Fact]
    public void The_redis_options_carry_the_endpoint_password_and_database()
    {
        var options = ClusterAddress.Parse("redis://:s3cret@10.0.0.5:6380/3").Redis();
        Assert.Equal(("s3cret", 3, false), (options.Password, options.DefaultDatabase, options.AbortOnConnectFail));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.0.0.5"), 6380), Assert.Single(options.EndPoints));
    }

    [Fact]
    public void An_ipv6_address_becomes_an_ipv6_endpoint()
    {
        var options = ClusterAddress.Parse("redis://[::1]:6379").Redis();
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 6379), Assert.Single(options.EndPoints));
    }
}
