namespace Flagwork.Tls.Tests.Dynamic;

/// <summary>
/// Holds the first <c>count</c> reads of a store, after they have read, until all of them have read. No create can
/// happen in between, so many authorities started together all find the secret missing and all try to create it: the
/// create race happens every run, not by luck. Use <see cref="AfterAsync"/> as <see cref="InMemorySecretStore.AfterCall"/>
/// or through <see cref="GatedSecretStore"/>.
/// </summary>
public sealed class GetBarrier(int count)
{
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public async Task AfterAsync(StoreCall call, CancellationToken cancellationToken)
    {
        if (call != StoreCall.Get)
        {
            await Task.Yield();
            return;
        }
        var arrived = Interlocked.Increment(ref _arrived);
        if (arrived == count)
        {
            _all.TrySetResult();
        }
        if (arrived <= count)
        {
            // Bounded: a broken test fails with a timeout instead of hanging.
            await _all.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        }
    }
}
