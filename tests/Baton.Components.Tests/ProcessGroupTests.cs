using System.Diagnostics;
using System.Globalization;
using Baton.Engine.Components;

namespace Baton.Components.Tests;

/// <summary>A component that starts children of its own (<c>sleep 3000 &amp;</c> holding its stdout open): Baton takes what
/// the component printed as soon as it exits, and no child outlives it, in a backtest and in each live mode. Real shell and
/// Python processes; each child's pid is written to a file and checked in /proc.</summary>
public sealed class ProcessGroupTests : IDisposable
{
    private const string TenLines = """for i in $(seq 0 9); do echo "{\"ts\": $((1704067200000 + i * 3600000)), \"values\": {\"value\": 1}}"; done""";

    private readonly Harness _h = new();

    public void Dispose() => _h.Dispose();

    /// <summary>Name, the component's program (file name, text), how it ends, lines it prints.</summary>
    public static TheoryData<string, string, string, bool, int> Leavers => new()
    {
        { "shell: background sleep, valid lines, exit 0", "leaver.sh",
            $"sleep 3000 &\necho $! > child.pid\n{TenLines}\nexit 0\n", true, 10 },
        { "shell: two background children, one of them a subshell", "two.sh",
            $"(sleep 3000; echo late) &\necho $! > child.pid\nsleep 3000 &\necho $! >> child.pid\n{TenLines}\n", true, 10 },
        { "python: Popen child inheriting stdout, exit 0", "leaver.py",
            "import json, subprocess\np = subprocess.Popen(['sleep', '3000'])\nopen('child.pid', 'w').write(str(p.pid))\n" +
            "for i in range(10): print(json.dumps({'ts': 1704067200000 + i * 3600000, 'values': {'value': 1}}))\n", true, 10 },
        { "python: child, then a crash", "crash.py",
            "import subprocess, sys\np = subprocess.Popen(['sleep', '3000'])\nopen('child.pid', 'w').write(str(p.pid))\nsys.exit(3)\n", false, 0 },
        { "shell: child, then a hang past the timeout", "hang.sh", "sleep 3000 &\necho $! > child.pid\nsleep 3000\n", false, 0 },
    };

    [Theory]
    [MemberData(nameof(Leavers))]
    public async Task A_component_s_children_die_with_it_and_its_output_is_kept(string name, string file, string program, bool ok, int accepted)
    {
        string command = Write(file, program);
        // before the fix a component that exited waited the whole timeout for its children to close stdout, then failed
        string timeout = ok ? "20s" : "3s";
        var d = _h.Strategy($"indicators:\n  - {{ id: ext, type: external, command: \"{command}\", timeout: {timeout} }}", "ext > 0");
        var clock = Stopwatch.StartNew();
        var (result, _) = await Harness.BacktestAsync(d);
        var report = Harness.Single(result);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(12), $"{name}: took {clock.Elapsed}");
        Assert.Equal(ok ? ComponentStatus.Ok : ComponentStatus.Failed, report.Status);
        Assert.Equal(accepted, report.Accepted);
        AssertNoChildLeft(name);
    }

    [Theory]
    [InlineData("window", "sleep 3000 &\necho $! >> child.pid\n")]   // a run per candle, each leaving a child
    [InlineData("stream", "sleep 3000 &\necho $! >> child.pid\nwhile read line; do echo '{\"ack\": true}'; done\n")]   // stopped by Baton
    [InlineData("stream", "sleep 3000 &\necho $! >> child.pid\nread line\necho '{\"ack\": true}'\n")]   // exits on the 2nd candle
    public async Task A_live_component_s_children_die_with_it(string mode, string program)
    {
        string command = Write("live.sh", program);
        var d = _h.Strategy($"signals:\n  - {{ id: sig, type: external, command: \"{command}\", live: {mode}, timeout: 4s }}", "sig", bars: 5);
        var clock = Stopwatch.StartNew();
        var (_, live) = await LiveComponentsTests.RunLiveAsync(d);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        Assert.NotEmpty(live.Reports);
        AssertNoChildLeft(mode);
    }

    private string Write(string file, string program)
    {
        File.WriteAllText(Path.Combine(_h.Folder, file), program);
        return (file.EndsWith(".py", StringComparison.Ordinal) ? "python3 " : "sh ") + file;
    }

    /// <summary>Every pid the component wrote is gone (or a zombie waiting for init) within a few seconds.</summary>
    private void AssertNoChildLeft(string name)
    {
        string pids = Path.Combine(_h.Folder, "child.pid");
        Assert.True(File.Exists(pids), $"{name}: the component wrote no child pid");
        var children = File.ReadAllLines(pids).Where(l => l.Trim().Length > 0).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(children);
        var deadline = Stopwatch.StartNew();
        while (children.Any(Alive) && deadline.Elapsed < TimeSpan.FromSeconds(5)) Thread.Sleep(50);
        foreach (int pid in children.Where(Alive))
        {
            try
            {
                Process.GetProcessById(pid).Kill();   // clean up before failing
            }
            catch (ArgumentException)
            {
            }
            Assert.Fail($"{name}: child {pid} outlived the component");
        }
    }

    /// <summary>True while <paramref name="pid"/> runs (a zombie, state Z, has ended).</summary>
    private static bool Alive(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            char state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
