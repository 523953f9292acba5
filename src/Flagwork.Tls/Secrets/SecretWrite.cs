namespace Flagwork.Tls.Secrets;

/// <summary>What a create or update did. Losing a race is an outcome, not an exception.</summary>
public enum SecretWriteOutcome
{
    /// <summary>This call created the secret.</summary>
    Created,

    /// <summary>The secret already existed (another replica won the create race); <see cref="SecretWrite.Secret"/> is null.</summary>
    AlreadyExists,

    /// <summary>This call replaced the data.</summary>
    Updated,

    /// <summary>The secret changed since the version given (Kubernetes' 409 Conflict).</summary>
    Conflict,

    /// <summary>The secret no longer exists.</summary>
    NotFound,
}

/// <summary>The outcome of a write and, for <see cref="SecretWriteOutcome.Created"/>/<see cref="SecretWriteOutcome.Updated"/>, the stored result.</summary>
public sealed record SecretWrite(SecretWriteOutcome Outcome, StoredSecret? Secret)
{
    public bool Succeeded => Outcome is SecretWriteOutcome.Created or SecretWriteOutcome.Updated;
}

/// <summary>A change seen by a watch. <see cref="SecretEventType.Resync"/> is a periodic re-read of the current state.</summary>
public enum SecretEventType
{
    Added,
    Modified,
    Deleted,
    Resync,
}

/// <summary>One watch event; <see cref="Secret"/> is null for deletions and for a resync that found nothing.</summary>
public sealed record SecretEvent(SecretEventType Type, StoredSecret? Secret);
