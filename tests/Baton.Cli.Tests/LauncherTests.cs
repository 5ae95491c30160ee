using System.Diagnostics;

namespace Baton.Cli.Tests;

/// <summary>
/// The repository's <c>./baton</c> launcher publishes the CLI only when an input is newer than its last publish.
/// Each test runs a copy of the real script in a folder of its own whose <c>artifacts/baton</c> holds the CLI built
/// beside these tests, and whose <c>src</c> has no project: a publish there fails, so a run that succeeds did not
/// publish, and one that fails with the publish's message did try.
/// </summary>
public class LauncherTests
{
    [Fact]
    public void A_built_cli_with_no_newer_input_runs_without_publishing()
    {
        string root = Root(stampAge: TimeSpan.Zero, sourceAge: TimeSpan.FromMinutes(5));
        var (exit, output, err) = Launch(root, "--version");
        Assert.True(exit == 0, err);
        Assert.NotEqual("", output.Trim());
    }

    [Theory]
    [InlineData("src/Baton.Cli/Program.cs")]
    [InlineData("Directory.Build.props")]
    [InlineData("global.json")]
    public void A_newer_input_makes_it_publish_again(string input)
    {
        string root = Root(stampAge: TimeSpan.FromMinutes(5), sourceAge: TimeSpan.FromMinutes(10));
        File.SetLastWriteTimeUtc(Path.Combine(root, input), DateTime.UtcNow);
        var (exit, _, err) = Launch(root, "--version");
        Assert.Equal(1, exit);
        Assert.Contains("error MSB", err, StringComparison.Ordinal); // the publish's own error: no project here
    }

    [Fact]
    public void Generated_folders_are_not_inputs()
    {
        string root = Root(stampAge: TimeSpan.FromMinutes(5), sourceAge: TimeSpan.FromMinutes(10));
        foreach (string generated in new[] { "bin", "obj", "node_modules", "dist" })
        {
            string file = Path.Combine(root, "src", "Baton.Cli", generated, "x.txt");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, "new");
        }
        var (exit, _, err) = Launch(root, "--version");
        Assert.True(exit == 0, err);
    }

    [Fact]
    public void A_missing_stamp_or_BATON_REBUILD_makes_it_publish()
    {
        string root = Root(stampAge: TimeSpan.Zero, sourceAge: TimeSpan.FromMinutes(5));
        Assert.Equal(1, Launch(root, "--version", ("BATON_REBUILD", "1")).Exit);
        File.Delete(Path.Combine(root, "artifacts", "baton", ".built"));
        Assert.Equal(1, Launch(root, "--version").Exit);
    }

    private static string Root(TimeSpan stampAge, TimeSpan sourceAge)
    {
        string root = BatonProcess.TempDir();
        string cli = Path.Combine(root, "artifacts", "baton");
        Directory.CreateDirectory(cli);
        foreach (string file in Directory.EnumerateFiles(AppContext.BaseDirectory))
            File.CreateSymbolicLink(Path.Combine(cli, Path.GetFileName(file)), file);
        foreach (string dir in Directory.EnumerateDirectories(AppContext.BaseDirectory)) // native runtimes
            Directory.CreateSymbolicLink(Path.Combine(cli, Path.GetFileName(dir)), dir);
        File.Copy(Path.Combine(BatonProcess.RepoRoot, "baton"), Path.Combine(root, "baton"));
        Directory.CreateDirectory(Path.Combine(root, "src", "Baton.Cli"));
        var now = DateTime.UtcNow;
        foreach (string input in new[] { "baton", "src/Baton.Cli/Program.cs", "Directory.Build.props", "global.json" })
        {
            string path = Path.Combine(root, input);
            string real = Path.Combine(BatonProcess.RepoRoot, input); // dotnet reads global.json: keep it valid
            if (!File.Exists(path)) File.WriteAllText(path, input.EndsWith(".json", StringComparison.Ordinal) ? File.ReadAllText(real) : "");
            File.SetLastWriteTimeUtc(path, now - sourceAge);
        }
        string stamp = Path.Combine(cli, ".built");
        File.WriteAllText(stamp, "");
        File.SetLastWriteTimeUtc(stamp, now - stampAge);
        return root;
    }

    private static (int Exit, string Out, string Err) Launch(string root, string arg, (string Key, string Value)? env = null)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        info.ArgumentList.Add(Path.Combine(root, "baton"));
        info.ArgumentList.Add(arg);
        if (env is { } e) info.Environment[e.Key] = e.Value;
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) { p.Kill(true); throw new TimeoutException("./baton " + arg); }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
