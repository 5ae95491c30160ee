using System.Diagnostics;
using Baton.Engine.Components;

namespace Baton.Components.Tests;

/// <summary>Every failure mode of a component gets its logged line, and the run goes on (on_error: skip) or stops (fail).</summary>
public sealed class ComponentFailureTests : IDisposable
{
    private const string TenValues = """
        import json, sys
        S, H = 1704067200000, 3600000
        for i in range(10):
            print(json.dumps({"ts": S + i * H, "symbol": "AAA", "values": {"value": 1.0}}))
        sys.stdout.flush()
        """;

    private readonly Harness _h = new();

    public void Dispose() => _h.Dispose();

    private Engine.Strategy.StrategyDefinition Indicator(string script, string extra = "")
    {
        string command = _h.Script("component.py", script);
        return _h.Strategy($"indicators:\n  - {{ id: ext, type: external, command: \"{command}\"{extra} }}", "ext > 0");
    }

    [Fact]
    public async Task A_crash_is_an_error_with_the_exception_and_the_run_goes_on_without_the_component()
    {
        var d = Indicator(TenValues + "\n1 / 0\n");
        var (result, events) = await Harness.BacktestAsync(d);
        var report = Harness.Single(result);
        Assert.Equal(ComponentStatus.Failed, report.Status);
        Assert.Equal(1, report.ExitCode);
        Assert.Contains("exited with code 1; last stderr:", report.Error, StringComparison.Ordinal);
        Assert.Contains("ZeroDivisionError", report.Error, StringComparison.Ordinal);
        Assert.Contains(Harness.Logs(events, "error"), m => m.StartsWith("component ext: exited with code 1", StringComparison.Ordinal));
        Assert.Equal(40, result.Candles);
        Assert.Empty(result.Orders);   // its ten values were dropped: the rule never saw a value
    }

    [Fact]
    public async Task A_crash_fails_the_run_when_on_error_is_fail()
    {
        var d = Indicator(TenValues + "\n1 / 0\n", ", on_error: fail");
        var e = await Assert.ThrowsAsync<ComponentFailedException>(() => Harness.BacktestAsync(d));
        Assert.Equal("ext", e.Component);
        Assert.StartsWith("component ext failed: exited with code 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Being_killed_by_a_signal_is_reported_as_such()
    {
        var d = Indicator(TenValues + "\nimport os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n");
        var (result, _) = await Harness.BacktestAsync(d);
        var report = Harness.Single(result);
        Assert.Equal(ComponentStatus.Failed, report.Status);
        Assert.Contains("(killed by signal 11)", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_zero_exit_is_an_error_even_after_valid_output()
    {
        var d = Indicator(TenValues + "\nsys.exit(3)\n");
        var (result, events) = await Harness.BacktestAsync(d);
        var report = Harness.Single(result);
        Assert.Equal(3, report.ExitCode);
        Assert.Equal("exited with code 3", report.Error);
        Assert.Equal(10, report.Accepted);
        Assert.Empty(result.Orders);
        Assert.Contains("component ext: exited with code 3", Harness.Logs(events, "error"));
    }

    [Fact]
    public async Task Malformed_lines_are_warnings_naming_the_line_and_the_rest_is_used()
    {
        var d = Indicator("""
            print('{"ts": 1704067200000, "values": {"value": 0}}')
            print('not json at all')
            print('{"ts": 1704070800000, "values": {"value": 0}')
            print('{"ts": 1704074400000, "values": {"value": 0}} {"x": 1}')
            print('[1, 2]')
            print('')
            print('{"ts": 1704078000000, "values": {"value": 1}}')
            """, ", on_error: fail");
        var (result, events) = await Harness.BacktestAsync(d);
        var report = Harness.Single(result);
        Assert.Equal(ComponentStatus.Ok, report.Status);
        Assert.Equal(2, report.Accepted);
        Assert.Equal(4, report.Warnings);
        var warnings = Harness.Logs(events, "warning").ToList();
        Assert.StartsWith("component ext: stdout line 2: malformed JSON (", warnings[0], StringComparison.Ordinal);
        Assert.EndsWith("): not json at all", warnings[0], StringComparison.Ordinal);
        Assert.StartsWith("component ext: stdout line 3: malformed JSON", warnings[1], StringComparison.Ordinal);
        Assert.StartsWith("component ext: stdout line 4: ", warnings[2], StringComparison.Ordinal);
        Assert.Equal("component ext: stdout line 5: expected a JSON object, got: [1, 2]", warnings[3]);
        Assert.Equal(Harness.CloseOf(3), Assert.Single(result.Orders).CreatedAt);
    }

    [Fact]
    public async Task Invalid_lines_are_warnings_that_say_what_is_wrong()
    {
        var d = Indicator("""
            print('{"values": {"value": 1}}')
            print('{"ts": "yesterday", "values": {"value": 1}}')
            print('{"ts": 1704067200000, "symbol": "ZZZ", "values": {"value": 1}}')
            print('{"ts": 1704067200000, "values": {"valeu": 1}}')
            print('{"ts": 1704067200000, "values": {}}')
            print('{"ts": 1704067200000, "values": {"value": "1"}}')
            print('{"ts": 1704067200000}')
            print('{"ts": 1704067200000, "values": {"value": 1}, "note": "extra keys are ignored"}')
            """);
        var (result, events) = await Harness.BacktestAsync(d);
        Assert.Equal(1, Harness.Single(result).Accepted);
        Assert.Equal(
        [
            "component ext: stdout line 1: missing \"ts\" (the candle's open time: ISO-8601 or epoch)",
            "component ext: stdout line 2: \"ts\": expected an ISO-8601 time or an integer epoch, got \"yesterday\"",
            "component ext: stdout line 3: \"symbol\": unknown symbol \"ZZZ\" (symbols of this run: AAA)",
            "component ext: stdout line 4: \"values\": unknown output \"valeu\" (declared: value)",
            "component ext: stdout line 5: \"values\": missing output \"value\" (write null for not ready)",
            "component ext: stdout line 6: \"values\".value: expected a number or null, got \"1\"",
            "component ext: stdout line 7: missing \"values\" (an object with value)",
        ], Harness.Logs(events, "warning"));
    }

    [Fact]
    public async Task Invalid_signal_lines_are_warnings()
    {
        string command = _h.Script("sig.py", """
            print('{"ts": 1704067200000, "signal": "other"}')
            print('{"ts": 1704067200000, "signal": "sig", "direction": "up"}')
            print('{"ts": 1704067200000, "signal": "sig", "strength": "high"}')
            print('{"ts": 1704067200000, "direction": "long"}')
            print('{"ts": 1704067200000, "signal": "exit", "direction": -1}')
            """);
        var d = _h.Strategy($"signals:\n  - {{ id: sig, type: external, command: \"{command}\", outputs: [exit] }}", "sig.exit");
        var (result, events) = await Harness.BacktestAsync(d);
        Assert.Equal(1, Harness.Single(result).Accepted);
        Assert.Equal(
        [
            "component sig: stdout line 1: \"signal\": unknown signal \"other\" (expected \"sig\" or \"exit\")",
            "component sig: stdout line 2: \"direction\": expected \"long\", \"short\" or \"flat\", got \"up\"",
            "component sig: stdout line 3: \"strength\": expected a number, got \"high\"",
            "component sig: stdout line 4: missing \"signal\" (expected \"sig\" or \"exit\")",
        ], Harness.Logs(events, "warning"));
        Assert.Equal(Harness.CloseOf(0), Assert.Single(result.Orders).CreatedAt);
    }

    [Fact]
    public async Task A_hang_is_killed_after_the_timeout_children_included()
    {
        var d = Indicator(TenValues + "\nimport subprocess, time\nsubprocess.Popen(['sleep', '300'])\ntime.sleep(300)\n", ", timeout: 700ms");
        var clock = Stopwatch.StartNew();
        var (result, events) = await Harness.BacktestAsync(d);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        var report = Harness.Single(result);
        Assert.Equal(ComponentStatus.Failed, report.Status);
        Assert.Equal("did not finish within 700ms; killed", report.Error);
        Assert.Null(report.ExitCode);
        Assert.Contains("component ext: did not finish within 700ms; killed", Harness.Logs(events, "error"));
        Assert.Empty(result.Orders);
    }

    [Fact]
    public async Task A_hang_fails_the_run_when_on_error_is_fail()
    {
        var d = Indicator("import time\ntime.sleep(300)\n", ", timeout: 500ms, on_error: fail");
        var e = await Assert.ThrowsAsync<ComponentFailedException>(() => Harness.BacktestAsync(d));
        Assert.Equal("component ext failed: did not finish within 500ms; killed (on_error: fail)", e.Message);
    }

    [Fact]
    public async Task A_flood_of_output_is_cut_off_and_killed()
    {
        var d = Indicator("""
            import sys
            line = '{"ts": 1704067200000, "values": {"value": 1}}\n' * 1000
            while True:
                sys.stdout.write(line)
            """);
        var (result, events) = await Harness.BacktestAsync(d, new ComponentLimits(MaxOutputBytes: 4 << 20));
        var report = Harness.Single(result);
        Assert.Equal(ComponentStatus.Failed, report.Status);
        Assert.Equal("wrote more than 4,194,304 bytes to stdout; killed", report.Error);
        Assert.Contains("component ext: wrote more than 4,194,304 bytes to stdout; killed", Harness.Logs(events, "error"));
    }

    [Fact]
    public async Task A_line_longer_than_the_limit_is_skipped_without_being_held_whole()
    {
        var d = Indicator("""
            import sys
            sys.stdout.write('{"ts": 1704067200000, "values": {"value": "' + 'x' * 5_000_000 + '"}}\n')
            print('{"ts": 1704070800000, "values": {"value": 1}}')
            """);
        var (result, events) = await Harness.BacktestAsync(d);
        var report = Harness.Single(result);
        Assert.Equal(ComponentStatus.Ok, report.Status);
        Assert.Equal(1, report.Accepted);
        Assert.Equal("component ext: stdout line 1: longer than 65,536 bytes (5,000,046); skipped", Assert.Single(Harness.Logs(events, "warning")));
        Assert.Equal(Harness.CloseOf(1), Assert.Single(result.Orders).CreatedAt);
    }

    [Fact]
    public async Task Floods_of_warnings_and_stderr_are_counted_and_only_the_first_kept()
    {
        var d = Indicator("""
            import sys
            for i in range(5000):
                print("junk", i)
                print("progress", i, file=sys.stderr)
            print('{"ts": 1704067200000, "values": {"value": 1}}')
            """);
        var (result, events) = await Harness.BacktestAsync(d);
        var report = Harness.Single(result);
        Assert.Equal(5000, report.Warnings);
        Assert.Equal(5000, report.StderrLines);
        Assert.Equal(ComponentLog.MaxWarnings + 1 + ComponentLog.MaxStderrLines + 1, report.Messages.Count);
        Assert.Contains("component ext: more than 50 warnings; the rest are counted, not logged", Harness.Logs(events, "warning"));
        Assert.Equal(ComponentLog.MaxStderrLines + 1, Harness.Logs(events, "stderr").Count());
    }

    [Fact]
    public async Task Non_UTF8_bytes_are_a_warning_on_stdout_and_replaced_on_stderr()
    {
        var d = Indicator("""
            import sys
            sys.stdout.buffer.write(b'{"ts": 1704067200000, "values": {"value": 1}, "x": "\xff\xfe"}\n')
            sys.stderr.buffer.write(b'caf\xe9 \x1b[31mred\n')
            sys.stdout.buffer.write(b'{"ts": 1704070800000, "values": {"value": 1}}\n')
            """);
        var (result, events) = await Harness.BacktestAsync(d);
        Assert.Equal(1, Harness.Single(result).Accepted);
        Assert.Equal("component ext: stdout line 1: not valid UTF-8 (56 bytes); skipped", Assert.Single(Harness.Logs(events, "warning")));
        Assert.Equal("component ext: caf\uFFFD ?[31mred", Assert.Single(Harness.Logs(events, "stderr")));
    }

    [Fact]
    public async Task A_program_that_does_not_exist_is_an_error()
    {
        var d = _h.Strategy("indicators:\n  - { id: ext, type: external, command: \"no-such-program-baton-test --flag\" }", "ext > 0");
        var (result, _) = await Harness.BacktestAsync(d);
        var report = Harness.Single(result);
        Assert.Equal(ComponentStatus.Failed, report.Status);
        Assert.StartsWith("cannot start 'no-such-program-baton-test' in ", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_with_an_unterminated_quote_is_an_error()
    {
        // baton validate refuses it in a strategy file; a definition built in code meets it when the component starts
        var d = _h.Strategy("indicators:\n  - { id: ext, type: external, command: x }", "ext > 0");
        d = d with { Components = [d.Components[0] with { Command = "python3 'x.py" }] };
        var (result, _) = await Harness.BacktestAsync(d);
        Assert.Equal("command: unterminated ' quote starting at character 9", Harness.Single(result).Error);
    }

    [Fact]
    public async Task One_failing_component_does_not_stop_another()
    {
        string good = _h.Script("good.py", """
            print('{"ts": 1704078000000, "signal": "sig"}')
            """);
        string bad = _h.Script("bad.py", "raise SystemExit(5)\n");
        var d = _h.Strategy($$"""
            indicators:
              - { id: broken, type: external, command: "{{bad}}" }
            signals:
              - { id: sig, type: external, command: "{{good}}" }
            """, "sig or broken > 0");
        var (result, _) = await Harness.BacktestAsync(d);
        Assert.Equal([ComponentStatus.Failed, ComponentStatus.Ok], result.Components.Select(c => c.Status));
        // "sig or broken > 0" reads a NaN slot, so it stays false: a rule never acts on a failed component.
        Assert.Empty(result.Orders);
    }
}
