using System.Diagnostics;

namespace Baton.Web.Tests;

/// <summary>Bad values of <c>baton serve</c>'s proxy and run-limit options: exit code 2, a message naming the option and
/// what was expected, no server started and nothing written.</summary>
public sealed class ServeOptionsTests
{
    public static TheoryData<string, string, string> BadOptions => new()
    {
        { "--origin", "https://baton.example.com/dashboard", "expected an origin such as https://baton.example.com" },
        { "--origin", "ftp://baton.example.com", "expected an origin such as" },
        { "--origin", "baton.example.com", "expected an origin such as" },
        { "--origin", "https://user:secret@baton.example.com", "expected an origin such as" },
        { "--trusted-proxy", "proxy.example", "expected the proxy's IP address" },
        { "--runs-budget", "lots", "expected a size such as 500MB" },
        { "--runs-budget", "-1GB", "expected a size such as 500MB" },
        { "--runs-budget", "99999999999TB", "expected a size such as 500MB" },
        { "--max-queued", "-1", "expected a number from 0 to 10000 (backtests waiting)" },
        { "--max-running", "0", "expected a number from 1 to 64 (backtests at once)" },
        { "--max-running", "65", "expected a number from 1 to 64" },
        { "--keep-runs", "-3", "expected a number from 0 to 1000000 (0: keep all)" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public async Task A_bad_value_is_refused_with_its_option_named(string option, string value, string expected)
    {
        string dataDir = Path.Combine(Path.GetTempPath(), "baton-web-tests", Guid.NewGuid().ToString("N"));
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { Path.Combine(AppContext.BaseDirectory, "baton.dll"), "serve", "--port", "0", "--data-dir", dataDir, option, value })
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(2, process.ExitCode);
        Assert.Equal($"error: {option} {value}: {expected}", error.Split('\n')[0][..($"error: {option} {value}: ".Length + expected.Length)]);
        Assert.DoesNotContain("dashboard at", await output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dataDir));
    }
}
