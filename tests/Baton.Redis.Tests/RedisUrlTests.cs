namespace Baton.Redis.Tests;

public sealed class RedisUrlTests
{
    [Fact]
    public void Url_with_password_and_database_becomes_options()
    {
        var o = RedisUrl.Parse("redis://:s3cret@10.0.0.5:6380/3");
        Assert.Equal(("s3cret", 3, false), (o.Password, o.DefaultDatabase, o.AbortOnConnectFail));
        Assert.Equal("10.0.0.5:6380", o.EndPoints[0].ToString()!.Replace("Unspecified/", "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("redis://:s3cret@host:6379", "redis://:***@host:6379")]
    [InlineData("redis://user:s3cret@host", "redis://user:***@host")]
    [InlineData("redis://host:6379/2", "redis://host:6379/2")]
    public void Redact_hides_the_password(string url, string shown) => Assert.Equal(shown, RedisUrl.Redact(url));

    [Fact]
    public void Bad_scheme_is_refused_without_showing_the_password()
    {
        var e = Assert.Throws<ArgumentException>(() => RedisUrl.Parse("http://:pw@host"));
        Assert.DoesNotContain("pw", e.Message.Replace("password", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
