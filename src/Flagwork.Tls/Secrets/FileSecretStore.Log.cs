using Microsoft.Extensions.Logging;

namespace Flagwork.Tls.Secrets;

/// <summary>What the file store logs: names, versions and paths, never data.</summary>
public sealed partial class FileSecretStore
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Created secret {Secret} (version {Version}) in {Path}")]
    private static partial void LogCreated(ILogger logger, string secret, string version, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Updated secret {Secret} to version {Version} in {Path}")]
    private static partial void LogUpdated(ILogger logger, string secret, string version, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted secret {Secret} from {Path}")]
    private static partial void LogDeleted(ILogger logger, string secret, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove {Path}; the next write of the secret will try again: {Error}")]
    private static partial void LogCleanupFailed(ILogger logger, string path, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Secret {Secret} was written, but flushing {Path} to disk failed: {Error}")]
    private static partial void LogFlushFailed(ILogger logger, string secret, string path, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch of secret {Secret} cannot read it; retrying at each poll: {Error}")]
    private static partial void LogWatchReadFailed(ILogger logger, string secret, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch of secret {Secret} can read it again")]
    private static partial void LogWatchReadRecovered(ILogger logger, string secret);
}
