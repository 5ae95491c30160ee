using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Baton.Components;

/// <summary>Bounds on what Baton reads from a component.</summary>
/// <param name="MaxLineBytes">Longest stdout line accepted; longer lines are skipped with a warning.</param>
/// <param name="MaxOutputBytes">Most stdout bytes read from one run; past it the process is killed and counts as failed.</param>
public sealed record ComponentLimits(int MaxLineBytes = 64 * 1024, long MaxOutputBytes = 1L << 30)
{
    public static readonly ComponentLimits Default = new();
}

/// <summary>How one run of a component process ended.</summary>
/// <param name="Error">Why it failed (null when it exited 0 in time).</param>
internal sealed record ProcessOutcome(int? ExitCode, string? Error, long Lines, long Accepted)
{
    public bool Ok => Error is null;
}

/// <summary>
/// Runs a component process once to its end: stdin closed, stdout read line by line through a
/// <see cref="LineParser"/> (bounded line length and total), stderr logged, killed with its children on timeout
/// or flood. Nothing it does can throw out of here except cancellation.
/// </summary>
internal static class ComponentProcess
{
    private const int MaxStderrLineBytes = 4096;
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(10);

    /// <summary>How long the output of a component that exited may still take to reach its end.</summary>
    private static readonly TimeSpan OutputGrace = TimeSpan.FromSeconds(2);

    public static async Task<ProcessOutcome> RunAsync(ProcessStartInfo info, TimeSpan timeout, LineParser parser, ComponentLog log,
        ComponentLimits limits, CancellationToken cancellationToken)
    {
        using var process = TryStart(info, out var startError);
        if (process is null) return new ProcessOutcome(null, startError, 0, 0);
        try
        {
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // the process already exited and closed its end
        }
        using var stopReading = new CancellationTokenSource();
        var stdout = PumpStdoutAsync(process, parser, log, limits, stopReading.Token);
        var output = Task.WhenAll(stdout, PumpStderrAsync(process.StandardError.BaseStream, log, stopReading.Token));
        bool timedOut = !await CompletesWithinAsync(process.WaitForExitAsync(CancellationToken.None), timeout, cancellationToken).ConfigureAwait(false);
        // Exited (or is being killed): whatever it started goes too, which closes the pipes they held. Its own output
        // is in the pipe; if something that escaped its group keeps the pipe open, reading stops after a grace.
        Kill(process);
        bool ended = timedOut || cancellationToken.IsCancellationRequested;
        if (!await CompletesWithinAsync(output, ended ? KillGrace : OutputGrace, CancellationToken.None).ConfigureAwait(false))
        {
            await stopReading.CancelAsync().ConfigureAwait(false);
            if (!ended) log.Warning($"a process it started kept its stdout open after it exited; stopped reading after {Describe(OutputGrace)}");
            await CompletesWithinAsync(output, KillGrace, CancellationToken.None).ConfigureAwait(false);
        }
        cancellationToken.ThrowIfCancellationRequested();
        var (lines, accepted, flooded) = stdout.IsCompletedSuccessfully ? stdout.Result : (0, 0, false);
        string? error = timedOut ? $"did not finish within {Describe(timeout)}; killed"
            : flooded ? $"wrote more than {limits.MaxOutputBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes to stdout; killed"
            : process.ExitCode != 0 ? ExitMessage(process.ExitCode, log.LastStderr)
            : null;
        return new ProcessOutcome(timedOut ? null : process.ExitCode, error, lines, accepted);
    }

    /// <summary>Starts the process; null (with the reason) when the program cannot be started.</summary>
    public static Process? TryStart(ProcessStartInfo info, out string? error)
    {
        ArgumentNullException.ThrowIfNull(info);
        error = null;
        string program = info.FileName;
        try
        {
            var grouped = ProcessGroup.Wrap(info, out error);
            return grouped is null ? null : Process.Start(grouped) ?? throw new InvalidOperationException("no process was started");
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or IOException)
        {
            error = $"cannot start '{program}' in {info.WorkingDirectory}: {e.Message}";
            return null;
        }
    }

    /// <summary>Kills the process and everything it started (its process group, even after it exited, and the tree
    /// still attached to it); quiet if nothing is left.</summary>
    public static void Kill(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        ProcessGroup.Kill(process.Id);
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
        catch (Win32Exception)
        {
            // exited while being killed
        }
    }

    /// <summary>True when <paramref name="task"/> finished within <paramref name="limit"/>; false on time-out or cancellation.</summary>
    public static async Task<bool> CompletesWithinAsync(Task task, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(limit, cts.Token);
        var first = await Task.WhenAny(task, delay).ConfigureAwait(false);
        await cts.CancelAsync().ConfigureAwait(false);
        return first == task;
    }

    public static string ExitMessage(int code, string lastStderr)
    {
        string signal = code is > 128 and < 160 ? $" (killed by signal {code - 128})" : "";
        return $"exited with code {code}{signal}" + (lastStderr.Length > 0 ? $"; last stderr: {lastStderr}" : "");
    }

    public static string Describe(TimeSpan span) =>
        span.TotalSeconds < 1 ? $"{span.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)}ms"
        : $"{span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s";

    private static async Task<(long Lines, long Accepted, bool Flooded)> PumpStdoutAsync(Process process, LineParser parser,
        ComponentLog log, ComponentLimits limits, CancellationToken stop)
    {
        var reader = new BoundedLineReader(process.StandardOutput.BaseStream, limits.MaxLineBytes, limits.MaxOutputBytes);
        var counts = new LineCounts();
        try
        {
            while (!ParseBuffered(reader, parser, log, limits, counts))
            {
                if (await reader.FillAsync(stop).ConfigureAwait(false)) continue;
                Kill(process);
                return (counts.Lines, counts.Accepted, true);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // the component exited; what it wrote before is kept
        }
        return (counts.Lines, counts.Accepted, false);
    }

    /// <summary>Validates every line already buffered; true at the end of the stream.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // the one hot loop of a one-shot run: skip tier-0
    private static bool ParseBuffered(BoundedLineReader reader, LineParser parser, ComponentLog log, ComponentLimits limits, LineCounts counts)
    {
        while (reader.TryReadLine(out var kind, out var line))
        {
            if (kind == LineKind.End) return true;
            long number = ++counts.Lines;
            if (kind == LineKind.TooLong)
                log.Warning($"stdout line {number}: longer than {limits.MaxLineBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes " +
                            $"({reader.SkippedBytes.ToString("N0", CultureInfo.InvariantCulture)}); skipped");
            else if (line.Span.Trim(" \t"u8).IsEmpty) continue;
            else if (parser.Parse(line.Span) is { } problem) log.Warning($"stdout line {number}: {problem}");
            else counts.Accepted++;
        }
        return false;
    }

    private sealed class LineCounts
    {
        public long Lines;
        public long Accepted;
    }

    /// <summary>Logs every stderr line (decoded leniently: invalid UTF-8 becomes U+FFFD, control characters '?').</summary>
    public static async Task PumpStderrAsync(Stream stream, ComponentLog log, CancellationToken stop = default)
    {
        var reader = new BoundedLineReader(stream, MaxStderrLineBytes, long.MaxValue);
        while (true)
        {
            (LineKind kind, ReadOnlyMemory<byte> line) = (LineKind.End, default);
            try
            {
                (kind, line) = await reader.ReadAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            if (kind is LineKind.End or LineKind.Flood) return;
            if (kind == LineKind.TooLong) log.Stderr($"(a line of {reader.SkippedBytes.ToString(CultureInfo.InvariantCulture)} bytes, not shown)");
            else if (!line.Span.Trim(" \t"u8).IsEmpty) log.Stderr(Printable(line.Span));
        }
    }

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(Encoding.UTF8.GetString(bytes));
        for (int i = 0; i < text.Length; i++)
            if (char.IsControl(text[i]) && text[i] != '\t') text[i] = '?';
        return text.ToString();
    }
}
