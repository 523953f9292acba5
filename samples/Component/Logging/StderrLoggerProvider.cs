using Microsoft.Extensions.Logging;

namespace Component.Logging;

/// <summary>
/// One line per log entry on stderr: <c>15:04:05.123 info: Category message</c>. A few lines of our own instead of the
/// console logger, whose set-up (a DI container, options, formatters, a background queue) cost the component more than
/// 100 ms before it could listen (tests/Benchmarks/RESULTS.md, cold start).
/// </summary>
internal sealed class StderrLoggerProvider(TimeProvider time) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new StderrLogger(categoryName, time);

    public void Dispose()
    {
    }

    private sealed class StderrLogger(string category, TimeProvider time) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            var line = $"{time.GetLocalNow():HH:mm:ss.fff} {Level(logLevel)}: {category} {formatter(state, exception)}";
            if (exception is not null)
            {
                line += " (" + exception.Message + ")";
            }
            Console.Error.WriteLine(line); // Console.Error is synchronized: lines never interleave
        }

        private static string Level(LogLevel level) => level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };
    }
}
