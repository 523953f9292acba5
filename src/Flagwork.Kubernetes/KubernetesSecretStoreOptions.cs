using Microsoft.Extensions.Logging;

namespace Flagwork.Kubernetes;

/// <summary>How a <see cref="KubernetesSecretStore"/> waits, resyncs and logs. Every default matches cert-manager's informer.</summary>
public sealed record KubernetesSecretStoreOptions
{
    /// <summary>The clock for the resync period and the reconnect backoff; <see cref="TimeProvider.System"/> unless a test injects one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How often a watch re-reads the secret and emits <c>Resync</c> (cert-manager's informer: one minute).</summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The first wait before re-listing after a watch ended or failed; doubled on each failure in a row.</summary>
    public TimeSpan InitialReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two attempts to re-establish a watch.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Asks the API server to end each watch after this long (its <c>timeoutSeconds</c>), so a connection that a proxy
    /// silently dropped is noticed; the store then re-lists and watches again. Null leaves the server's own default.
    /// </summary>
    public TimeSpan? WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Where reconnects and failed resyncs are reported (never secret data).</summary>
    public ILogger? Logger { get; init; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ResyncPeriod, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(InitialReconnectDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxReconnectDelay, InitialReconnectDelay);
        if (WatchTimeout is { } timeout)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.FromSeconds(1));
        }
    }
}
