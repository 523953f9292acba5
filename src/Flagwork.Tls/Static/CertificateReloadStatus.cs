namespace Flagwork.Tls.Static;

/// <summary>Counters a source keeps for its self-metrics; read without locks, written by the source only.</summary>
public sealed class CertificateReloadStatus
{
    private long _successes;
    private long _failures;
    private int _consecutiveFailures;

    public long Successes => Interlocked.Read(ref _successes);

    public long Failures => Interlocked.Read(ref _failures);

    public int ConsecutiveFailures => Volatile.Read(ref _consecutiveFailures);

    internal void RecordSuccess()
    {
        Interlocked.Increment(ref _successes);
        Volatile.Write(ref _consecutiveFailures, 0);
    }

    /// <summary>Records a failure; returns the consecutive count when it counts towards the limit.</summary>
    internal int RecordFailure(bool countsTowardsLimit)
    {
        Interlocked.Increment(ref _failures);
        return countsTowardsLimit ? Interlocked.Increment(ref _consecutiveFailures) : Volatile.Read(ref _consecutiveFailures);
    }
}
