using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Baton.Core.Market;
using Baton.Engine.Events;

namespace Baton.Components.Live;

/// <summary>
/// <c>live: stream</c>: one long-running process (<c>BATON_MODE=live</c>, <c>BATON_LIVE=stream</c>,
/// <c>BATON_DATA_SOURCE=stdin</c>). Each new candle is written to its stdin as one JSON line
/// (<c>{"ts":…,"symbol":…,"open":…,"high":…,"low":…,"close":…,"volume":…}</c>); it answers with its lines for that
/// candle, then <c>{"ack":true}</c>. No ack within <c>timeout</c>, an exit, or more than the output limit in one
/// answer: the process is killed and the component fails.
/// </summary>
internal sealed class StreamingComponent(LiveContext context) : LiveComponent(context)
{
    private const int QueuedLines = 4096;
    private Process? _process;
    private Channel<(LineKind Kind, byte[]? Line)>? _lines;
    private Task? _stdout;
    private Task? _stderr;

    public override async Task<string?> OnCandleAsync(int symbol, Candle candle, StampWindow due, CancellationToken cancellationToken)
    {
        if (_process is null && Start() is { } startError) return startError;
        var d = Context.Strategy;
        try
        {
            await _process!.StandardInput.WriteAsync(CandleLine(d.Symbols[symbol], candle).AsMemory(), cancellationToken).ConfigureAwait(false);
            await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            return await ExitedAsync().ConfigureAwait(false);
        }
        var staging = Staging(d.Symbols.Count);
        string? error = await ReadAnswerAsync(new LineParser(Context.Component, d.Symbols, staging), cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            ComponentProcess.Kill(_process);
            return error;
        }
        for (int s = 0; s < staging.Length; s++) Keep(staging[s], s, due);
        return null;
    }

    private string? Start()
    {
        var spec = Context.Component.Spec;
        var d = Context.Strategy;
        var context = new ComponentRunContext(d.Symbols, d.Timeframe, null, null, ComponentHost.WorkingDirectory(d),
            string.IsNullOrEmpty(d.SourceFile) ? null : Path.GetFullPath(d.SourceFile));
        ProcessStartInfo info;
        try
        {
            info = ComponentEnvironment.StartInfo(spec, context, new ComponentDataLocation("stdin", null, spec.Query is null ? null : spec.Database, spec.Query), "live");
        }
        catch (FormatException e)
        {
            return $"command: {e.Message}";
        }
        info.StandardInputEncoding = new UTF8Encoding(false);
        _process = ComponentProcess.TryStart(info, out var error);
        if (_process is null) return error;
        _lines = Channel.CreateBounded<(LineKind, byte[]?)>(new BoundedChannelOptions(QueuedLines) { SingleReader = true, SingleWriter = true });
        _stdout = PumpAsync(_process.StandardOutput.BaseStream, _lines.Writer, Context.Options.Limits.MaxLineBytes);
        _stderr = ComponentProcess.PumpStderrAsync(_process.StandardError.BaseStream, Context.Log);
        return null;
    }

    /// <summary>Reads lines until the ack; returns why the component failed, or null.</summary>
    private async Task<string?> ReadAnswerAsync(LineParser parser, CancellationToken cancellationToken)
    {
        var spec = Context.Component.Spec;
        var limits = Context.Options.Limits;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(spec.Timeout);
        long bytes = 0;
        while (true)
        {
            (LineKind Kind, byte[]? Line) item;
            try
            {
                item = await _lines!.Reader.ReadAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return $"did not acknowledge the candle within {ComponentProcess.Describe(spec.Timeout)}; killed";
            }
            catch (ChannelClosedException)
            {
                return await ExitedAsync().ConfigureAwait(false);
            }
            if (item.Kind == LineKind.End) return await ExitedAsync().ConfigureAwait(false);
            Lines++;
            if (item.Kind == LineKind.TooLong)
            {
                Context.Log.Warning($"stdout line {Lines}: longer than {limits.MaxLineBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes; skipped");
                continue;
            }
            var line = item.Line!;
            bytes += line.Length + 1;
            if (bytes > limits.MaxOutputBytes)
                return $"wrote more than {limits.MaxOutputBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes to stdout for one candle; killed";
            if (IsAck(line)) return null;
            if (line.AsSpan().Trim(" \t"u8).IsEmpty) continue;
            if (parser.Parse(line) is { } problem) Context.Log.Warning($"stdout line {Lines}: {problem}");
            else Accepted++;
        }
    }

    private async Task<string> ExitedAsync()
    {
        await ComponentProcess.CompletesWithinAsync(_process!.WaitForExitAsync(), TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
        if (!_process.HasExited) return "closed its output without exiting";
        ComponentProcess.Kill(_process);   // what it started goes with it
        ExitCode = _process.ExitCode;
        if (_stderr is not null) await ComponentProcess.CompletesWithinAsync(_stderr, TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
        return _process.ExitCode == 0 ? "exited before acknowledging the candle"
            : ComponentProcess.ExitMessage(_process.ExitCode, Context.Log.LastStderr);
    }

    private static bool IsAck(byte[] line)
    {
        if (line.AsSpan().IndexOf("\"ack\""u8) < 0) return false;
        try
        {
            var reader = new Utf8JsonReader(line);
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject && reader.Read()
                && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("ack"u8);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string CandleLine(string symbol, Candle c) =>
        $"{{\"ts\":\"{Formats.Time(c.OpenTime)}\",\"symbol\":{JsonSerializer.Serialize(symbol)},\"open\":{Formats.Number(c.Open)}," +
        $"\"high\":{Formats.Number(c.High)},\"low\":{Formats.Number(c.Low)},\"close\":{Formats.Number(c.Close)},\"volume\":{Formats.Number(c.Volume)}}}\n";

    private static async Task PumpAsync(Stream stdout, ChannelWriter<(LineKind, byte[]?)> writer, int maxLineBytes)
    {
        var reader = new BoundedLineReader(stdout, maxLineBytes, long.MaxValue);
        while (true)
        {
            var (kind, line) = await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false);
            await writer.WriteAsync((kind, kind == LineKind.Line ? line.ToArray() : null)).ConfigureAwait(false);
            if (kind is LineKind.End or LineKind.Flood) break;
        }
        writer.TryComplete();
    }

    public override async ValueTask DisposeAsync()
    {
        if (_process is null) return;
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // already gone
        }
        await ComponentProcess.CompletesWithinAsync(_process.WaitForExitAsync(), TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
        ComponentProcess.Kill(_process);   // still running after 5 s, or exited: either way nothing it started outlives it
        _lines?.Reader.TryRead(out _);
        if (_stdout is not null) await ComponentProcess.CompletesWithinAsync(Drain(), TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
        _process.Dispose();
    }

    /// <summary>Empties the queue so the pump can finish after the process ends.</summary>
    private async Task Drain()
    {
        while (await _lines!.Reader.WaitToReadAsync().ConfigureAwait(false))
            while (_lines.Reader.TryRead(out _))
            {
            }
        await _stdout!.ConfigureAwait(false);
    }
}
