using Baton.Engine.Data;

namespace Baton.Postgres.Tests;

public class PostgresUriTests
{
    [Fact]
    public void The_redacted_form_hides_the_password_and_the_connection_string_keeps_it()
    {
        var uri = PostgresUri.Parse("postgresql://bob:s%40cret@db.example:6543/market?table=prices.candles&sslmode=disable");
        Assert.Equal("postgresql://bob:***@db.example:6543/market?table=prices.candles&sslmode=disable", uri.Redacted);
        Assert.Equal("prices.candles", uri.Table);
        Assert.Equal("\"prices\".\"candles\"", uri.QuotedTable);
        Assert.Contains("Password=s@cret", uri.ConnectionString);
        Assert.Equal("error at ***: postgresql://bob:***@h/db", uri.Redact("error at s@cret: postgresql://bob:s@cret@h/db"));
        Assert.Equal(uri.Redacted, uri.ToString());
    }

    [Theory]
    [InlineData("postgresql://bob:pw@host", "expected a database name")]
    [InlineData("postgresql://bob:pw@host/db?table=x;drop", "table: expected a name")]
    [InlineData("postgresql://bob:pw@host/db?color=red", "unknown parameter \"color\"")]
    [InlineData("mysql://bob:pw@host/db", "expected postgresql://")]
    public void Bad_uris_are_refused_without_showing_the_password(string text, string expected)
    {
        var e = Assert.Throws<CandleDataException>(() => PostgresUri.Parse(text));
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain(":pw@", e.Message);
    }
}
