using System.Globalization;
using System.Text.RegularExpressions;
using Baton.Engine.Data;
using Npgsql;

namespace Baton.Postgres;

/// <summary>
/// A <c>postgresql://user:password@host:port/database?table=candles&amp;sslmode=prefer</c> URI (also
/// <c>postgres://</c>), turned into an Npgsql connection string, the candles table name, and a
/// <see cref="Redacted"/> form with the password replaced by <c>***</c>, which is the only form that may be
/// printed, logged or written anywhere. Query parameters: <c>table</c> (default <c>candles</c>, may be
/// schema-qualified), <c>sslmode</c>, <c>connect_timeout</c> (seconds, default 10).
/// </summary>
public sealed partial class PostgresUri
{
    /// <summary>The environment variable holding the default URI.</summary>
    public const string EnvironmentVariable = "BATON_PG";

    private readonly string _password;

    private PostgresUri(string connectionString, string table, string redacted, string password, string identity)
    {
        ConnectionString = connectionString;
        Table = table;
        Redacted = redacted;
        _password = password;
        Identity = identity;
    }

    /// <summary><c>postgresql://host:port/database?table=T</c>: where the data is, without user, password or connection
    /// settings, so two processes reaching one table the same way (each with its own login) see the same text.</summary>
    public string Identity { get; }

    /// <summary>The Npgsql connection string (holds the password: never print it).</summary>
    public string ConnectionString { get; }

    /// <summary>The candles table, as written in the URI (<c>candles</c> or <c>schema.table</c>).</summary>
    public string Table { get; }

    /// <summary>The table name quoted for SQL.</summary>
    public string QuotedTable => string.Join('.', Table.Split('.').Select(p => $"\"{p}\""));

    /// <summary>The URI with the password replaced by <c>***</c>.</summary>
    public string Redacted { get; }

    /// <summary>True when <paramref name="text"/> looks like a PostgreSQL URI.</summary>
    public static bool IsUri(string? text) =>
        text is not null && (text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase));

    /// <summary>Parses <paramref name="text"/>; throws <see cref="CandleDataException"/> (with the URI redacted)
    /// when it is not a usable PostgreSQL URI.</summary>
    public static PostgresUri Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string shown = RedactText(text);
        if (!IsUri(text) || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw Bad(shown, "expected postgresql://user:password@host:port/database");
        string[] userInfo = uri.UserInfo.Split(':', 2);
        string user = Uri.UnescapeDataString(userInfo[0]);
        string password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "";
        string database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        if (database.Length == 0) throw Bad(shown, "expected a database name after the host, as in postgresql://host:5432/market");
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = database,
            ApplicationName = "baton",
            Timeout = 10,
            CommandTimeout = 0,
        };
        if (user.Length > 0) builder.Username = user;
        if (password.Length > 0) builder.Password = password;
        string table = "candles";
        foreach (var (key, value) in Query(uri.Query))
        {
            switch (key)
            {
                case "table":
                    if (!TableName().IsMatch(value)) throw Bad(shown, $"table: expected a name like candles or market.candles, got \"{value}\"");
                    table = value;
                    break;
                case "sslmode":
                    if (!Enum.TryParse<SslMode>(value, ignoreCase: true, out var mode)) throw Bad(shown, $"sslmode: unknown value \"{value}\"");
                    builder.SslMode = mode;
                    break;
                case "connect_timeout":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) || seconds < 1)
                        throw Bad(shown, $"connect_timeout: expected whole seconds, got \"{value}\"");
                    builder.Timeout = seconds;
                    break;
                default:
                    throw Bad(shown, $"unknown parameter \"{key}\" (known: table, sslmode, connect_timeout)");
            }
        }
        string identity = string.Create(CultureInfo.InvariantCulture, $"postgresql://{builder.Host}:{builder.Port}/{database}?table={table}");
        return new PostgresUri(builder.ConnectionString, table, shown, password, identity);
    }

    /// <summary>The URI from <paramref name="text"/>, else from <c>BATON_PG</c>; throws when neither is set.</summary>
    public static PostgresUri FromTextOrEnvironment(string? text, string what)
    {
        string? value = string.IsNullOrWhiteSpace(text) ? Environment.GetEnvironmentVariable(EnvironmentVariable) : text;
        if (string.IsNullOrWhiteSpace(value))
            throw new CandleDataException("postgres", 0, "uri", $"{what}: expected a postgresql:// URI, or the {EnvironmentVariable} environment variable");
        return Parse(value);
    }

    /// <summary><paramref name="text"/> with this URI's password (and any <c>user:password@</c> of a URI in it)
    /// replaced by <c>***</c>: for every message that leaves this adapter.</summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string result = _password.Length > 0 ? text.Replace(_password, "***", StringComparison.Ordinal) : text;
        return RedactText(result);
    }

    /// <summary>Replaces the password of any <c>scheme://user:password@</c> in <paramref name="text"/> by <c>***</c>.</summary>
    public static string RedactText(string text) => UserInfoPassword().Replace(text, "$1***@");

    public override string ToString() => Redacted;

    private static CandleDataException Bad(string shown, string problem) => new(shown, 0, "uri", problem);

    private static IEnumerable<(string Key, string Value)> Query(string query)
    {
        foreach (string pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            string key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]).ToLowerInvariant();
            yield return (key, eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]));
        }
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]{0,62}(\.[A-Za-z_][A-Za-z0-9_]{0,62})?$")]
    private static partial Regex TableName();

    [GeneratedRegex(@"([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\s]*:)[^/\s]*@")]
    private static partial Regex UserInfoPassword();
}
