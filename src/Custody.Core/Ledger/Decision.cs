using Custody.Common;

namespace Custody.Ledger;

/// <summary>
/// A rule's answer, as the pure functions that decide give it: the change to record; or why not —
/// a <see cref="Refusal"/> in the record's current state (409, answered with that state), or
/// another <see cref="Failure"/> (the thing named is not there, the caller's side may not). The
/// handler records <see cref="Change"/> only once what the rule cannot see (screening, the
/// register) agrees too.
/// </summary>
public readonly record struct Decision<T>
    where T : class, ILedgerEvent<T>
{
    private Decision(T? change, string? refusal, Failure? failure)
    {
        Change = change;
        Refusal = refusal;
        Failure = failure;
    }

    /// <summary>The event to record, when allowed.</summary>
    public T? Change { get; }

    /// <summary>Why the record's current state does not allow it.</summary>
    public string? Refusal { get; }

    /// <summary>Any other reason it cannot happen.</summary>
    public Failure? Failure { get; }

    public bool Allowed => Change is not null;

    public static Decision<T> Allow(T change) => new(change ?? throw new ArgumentNullException(nameof(change)), null, null);

    public static Decision<T> Refuse(string refusal) => new(null, refusal ?? throw new ArgumentNullException(nameof(refusal)), null);

    public static Decision<T> Fail(Failure failure) => new(null, null, failure ?? throw new ArgumentNullException(nameof(failure)));

    public static implicit operator Decision<T>(T change) => Allow(change);

    public static implicit operator Decision<T>(Failure failure) => Fail(failure);
}
