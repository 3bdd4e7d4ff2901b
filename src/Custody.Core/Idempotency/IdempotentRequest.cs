namespace Custody.Idempotency;

/// <summary>
/// A POST sent with an <c>Idempotency-Key</c> (IETF httpapi idempotency-key draft): the first
/// request's fingerprint and, once it finished, its response. A retry with the same key and
/// payload gets the stored response; a different payload is refused (422); a retry while the
/// first is still running is refused (409). Keys are scoped to the user who sent them.
/// </summary>
public sealed class IdempotentRequest
{
    /// <summary>The signed-in user (or "anonymous") the key belongs to.</summary>
    public string Owner { get; set; } = "";

    public string Key { get; set; } = "";

    /// <summary>SHA-256 of method, path and body, hex.</summary>
    public string Fingerprint { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    /// <summary>Null while the first request is in progress.</summary>
    public int? ResponseStatus { get; set; }

    public string? ResponseContentType { get; set; }

    public byte[]? ResponseBody { get; set; }

    public string? ResponseLocation { get; set; }
}
