using System.Globalization;
using System.Text.Json;

namespace Baton.Redis;

/// <summary>Who holds (or wants) a strategy's lease: the consumer name it reads the group with, its host and process id,
/// the journal it writes (its canonical location: a standby must share it) and when it took the lease (Unix ms).
/// <see cref="Token"/> tells two processes with the same fields apart. Stored as the lease key's JSON value.</summary>
public sealed record LeaseHolder(string Consumer, string Host, int Pid, string Journal, long Since, string Token)
{
    /// <summary>This process, with a fresh token.</summary>
    public static LeaseHolder Me(string consumer, string journal, TimeProvider clock) => new(consumer, Environment.MachineName,
        Environment.ProcessId, journal, clock.GetUtcNow().ToUnixTimeMilliseconds(), Guid.NewGuid().ToString("N"));

    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["consumer"] = Consumer, ["host"] = Host, ["pid"] = Pid, ["journal"] = Journal, ["since"] = Since, ["token"] = Token,
    });

    /// <summary>The holder a lease value names; a value that is not such JSON (another program's key) is a holder with that
    /// text as its consumer and no journal.</summary>
    public static LeaseHolder Parse(string value)
    {
        try
        {
            using var doc = JsonDocument.Parse(value);
            var r = doc.RootElement;
            return new LeaseHolder(r.GetProperty("consumer").GetString()!, r.GetProperty("host").GetString()!, r.GetProperty("pid").GetInt32(),
                r.GetProperty("journal").GetString()!, r.GetProperty("since").GetInt64(), r.GetProperty("token").GetString()!);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return new LeaseHolder(value, "?", 0, "", 0, "");
        }
    }

    /// <summary>"consumer C on host H (pid P, since T), journal J", for the operator.</summary>
    public override string ToString() =>
        $"consumer {Consumer} on host {Host} (pid {Pid.ToString(CultureInfo.InvariantCulture)}, since " +
        $"{DateTimeOffset.FromUnixTimeMilliseconds(Since).ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)}), journal {Journal}";
}
