using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Baton.Cluster.Tests.Support;

/// <summary>What the silos of a test cluster logged (Baton's lines and Orleans' warnings), for the message of a test that
/// waited in vain.</summary>
internal sealed class SiloLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    /// <summary>The last <paramref name="count"/> lines.</summary>
    public string Tail(int count = 60)
    {
        var lines = _lines.ToArray();
        return string.Join(Environment.NewLine, lines.Skip(Math.Max(0, lines.Length - count)));
    }

    private sealed class Logger(SiloLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string line = $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}";
            if (exception is not null) line += " (" + exception.GetType().Name + ": " + exception.Message.Split('\n')[0] + ")";
            log._lines.Enqueue(line);
            while (log._lines.Count > 2000) log._lines.TryDequeue(out _);
        }
    }
}
