namespace Flagwork.Tls.Dynamic;

/// <summary>Counters of the dynamic CA and serving source for self-metrics; written by them, read by scrapes.</summary>
public sealed class DynamicTlsStatus
{
    private long _caRotations;
    private long _leavesIssued;
    private long _signingErrors;
    private long _storeErrors;
    private long _caNotAfter;

    public long CaRotationsObserved => Interlocked.Read(ref _caRotations);

    public long LeavesIssued => Interlocked.Read(ref _leavesIssued);

    public long SigningErrors => Interlocked.Read(ref _signingErrors);

    public long StoreErrors => Interlocked.Read(ref _storeErrors);

    /// <summary>NotAfter of the CA in use, Unix seconds; 0 before one is loaded.</summary>
    public long CaNotAfterUnixSeconds => Interlocked.Read(ref _caNotAfter);

    internal void CaLoaded(DateTimeOffset notAfter, bool rotation)
    {
        Interlocked.Exchange(ref _caNotAfter, notAfter.ToUnixTimeSeconds());
        if (rotation)
        {
            Interlocked.Increment(ref _caRotations);
        }
    }

    internal void LeafIssued() => Interlocked.Increment(ref _leavesIssued);

    internal void SigningFailed() => Interlocked.Increment(ref _signingErrors);

    internal void StoreFailed() => Interlocked.Increment(ref _storeErrors);
}
