namespace Flagwork.Tls.Dynamic;

/// <summary>Why a serving certificate needs renewing.</summary>
public enum RenewalReason
{
    /// <summary>The renewal moment's timer fired.</summary>
    CertificateAboutToExpire,

    /// <summary>The wall clock is past the renewal moment but the timer has not fired (after a suspend, whose time a
    /// monotonic timer does not count).</summary>
    CertificateRenewalMomentMissed,
}

/// <summary>
/// Waits for a certificate's renewal moment: a one-shot timer at <c>renewAt</c>, plus a periodic check of the wall clock
/// against <c>staleAfter</c> (cert-manager's <c>startRenewalWatcher</c>, with a 1-minute check and 5 s of slack).
/// </summary>
public static class RenewalWatcher
{
    public static readonly TimeSpan DefaultCheckInterval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan DefaultStaleAfter = TimeSpan.FromSeconds(5);

    /// <summary>Completes with the reason, or never (until cancelled) when <paramref name="renewAt"/> is default.</summary>
    public static async Task<RenewalReason> WaitAsync(
        DateTimeOffset renewAt, DateTimeOffset staleAfter, TimeSpan checkInterval, TimeProvider time, CancellationToken cancellationToken)
    {
        if (renewAt == default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var due = renewAt - time.GetUtcNow();
        var timer = Task.Delay(due > TimeSpan.Zero ? due : TimeSpan.Zero, time, stop.Token);
        using var ticker = new PeriodicTimer(checkInterval, time);
        try
        {
            while (true)
            {
                var tick = ticker.WaitForNextTickAsync(stop.Token).AsTask();
                var first = await Task.WhenAny(timer, tick).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (first == timer)
                {
                    return RenewalReason.CertificateAboutToExpire;
                }
                if (time.GetUtcNow() > staleAfter)
                {
                    return RenewalReason.CertificateRenewalMomentMissed;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }
    }
}
