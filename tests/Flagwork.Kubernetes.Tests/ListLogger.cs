using Microsoft.Extensions.Logging;

namespace Flagwork.Kubernetes.Tests;

/// <summary>Keeps every log entry as "Level: message" for assertions.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly Lock gate = new();
    private readonly List<string> entries = [];

    public IReadOnlyList<string> Entries
    {
        get
        {
            lock (gate)
            {
                return [.. entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (gate)
        {
            entries.Add($"{logLevel}: {formatter(state, exception)}");
        }
    }
}
