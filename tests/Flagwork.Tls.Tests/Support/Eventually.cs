using System.Diagnostics;

namespace Flagwork.Tls.Tests.Support;

/// <summary>Bounded waits for background work to reach a state. Bounds are generous and never asserted as speed.</summary>
public static class Eventually
{
    public static async Task<bool> TrueAsync(Func<bool> condition, TimeSpan? within = null)
    {
        var limit = within ?? TimeSpan.FromSeconds(10);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (condition())
            {
                return true;
            }
            await Task.Delay(10);
        }
        return condition();
    }

    /// <summary>Advances a fake clock one step at a time until the condition holds (at most <paramref name="maxSteps"/>).</summary>
    /// <param name="progress">A counter that moves when one step has been handled, so the next step starts as soon
    /// as the previous one is done instead of after a fixed wait.</param>
    public static async Task<bool> AdvanceUntilAsync(
        Microsoft.Extensions.Time.Testing.FakeTimeProvider time, TimeSpan step, Func<bool> condition, int maxSteps = 30, Func<long>? progress = null)
    {
        for (var i = 0; i < maxSteps; i++)
        {
            if (condition())
            {
                return true;
            }
            var before = progress?.Invoke();
            time.Advance(step);
            if (await TrueAsync(() => condition() || (progress is not null && progress() != before), TimeSpan.FromMilliseconds(300)) && condition())
            {
                return true;
            }
        }
        return condition();
    }
}
