using Flagwork.Tls.Dynamic;

using Flagwork.Tls.Tests.Support;

namespace Flagwork.Tls.Tests.Dynamic;

/// <summary>RW1–RW3, cert-manager's <c>TestStartRenewalWatcher</c>: a fake clock and a 1 s check interval.</summary>
public sealed class RenewalWatcherTests : IDisposable
{
    private static readonly TimeSpan Check = TimeSpan.FromSeconds(1);
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = Fixtures.Clock();
    private readonly CancellationTokenSource _stop = new();

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    [Fact]
    public async Task RW1_TheTimerFiresAtTheRenewalMoment()
    {
        var now = _time.GetUtcNow();
        var wait = RenewalWatcher.WaitAsync(now.AddSeconds(5), now.AddSeconds(10), Check, _time, _stop.Token);

        _time.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal(RenewalReason.CertificateAboutToExpire, await wait.Promptly());
    }

    [Fact]
    public async Task RW2_TheWallClockPastStaleAfterMeansTheMomentWasMissed()
    {
        var now = _time.GetUtcNow();
        var wait = RenewalWatcher.WaitAsync(now.AddSeconds(100), now.AddSeconds(2), Check, _time, _stop.Token);

        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(RenewalReason.CertificateRenewalMomentMissed, await wait.Promptly());
    }

    [Fact]
    public async Task RW3_NoRenewalMomentNoSignal()
    {
        var now = _time.GetUtcNow();
        var wait = RenewalWatcher.WaitAsync(default, now.AddSeconds(5), Check, _time, _stop.Token);

        _time.Advance(TimeSpan.FromSeconds(10));

        // Nothing is scheduled on the fake clock, so nothing can complete it; a short real wait lets a wrong
        // completion show.
        Assert.False(await Eventually.TrueAsync(() => wait.IsCompleted, TimeSpan.FromMilliseconds(100)));
        await _stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.Promptly());
    }

    [Fact]
    public async Task AMomentAlreadyPastFiresAtOnce()
    {
        var now = _time.GetUtcNow();
        var wait = RenewalWatcher.WaitAsync(now.AddSeconds(-1), now.AddSeconds(4), Check, _time, _stop.Token);

        Assert.Equal(RenewalReason.CertificateAboutToExpire, await wait.Promptly());
    }

    [Fact]
    public async Task CancellationEndsTheWait()
    {
        var now = _time.GetUtcNow();
        var wait = RenewalWatcher.WaitAsync(now.AddSeconds(100), now.AddSeconds(105), Check, _time, _stop.Token);

        _time.Advance(TimeSpan.FromSeconds(3));
        await _stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.Promptly());
    }
}
