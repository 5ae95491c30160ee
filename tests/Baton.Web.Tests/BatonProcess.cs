using System.Diagnostics;
using System.Text;

namespace Baton.Web.Tests;

/// <summary>A running <c>baton</c> command (the built baton.dll beside the tests), its output kept; disposing kills it.</summary>
internal sealed class BatonProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BatonProcess(Process process) => _process = process;

    public string Output { get { lock (_output) return _output.ToString(); } }

    public static BatonProcess Start(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "baton.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        var running = new BatonProcess(Process.Start(info)!);
        void Keep(string? line)
        {
            if (line is not null) lock (running._output) if (running._output.Length < 200_000) running._output.AppendLine(line);
        }
        running._process.OutputDataReceived += (_, e) => Keep(e.Data);
        running._process.ErrorDataReceived += (_, e) => Keep(e.Data);
        running._process.BeginOutputReadLine();
        running._process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Waits (up to 60 s: a loaded machine starts processes slowly) until the output holds <paramref name="text"/>.</summary>
    public async Task WaitForAsync(string text)
    {
        for (int i = 0; i < 1200 && !Output.Contains(text, StringComparison.Ordinal); i++)
        {
            if (_process.HasExited) break;
            await Task.Delay(50);
        }
        Assert.True(Output.Contains(text, StringComparison.Ordinal), $"baton never printed \"{text}\":\n{Output}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
