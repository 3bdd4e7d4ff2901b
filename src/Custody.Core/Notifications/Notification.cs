namespace Custody.Notifications;

/// <summary>
/// A notice in the outbox: queued in the same transaction as the event that requires it, then
/// delivered by a channel. Queued, delivered and failed attempts are all ledgered, so a notice
/// that was never sent stays visible (and overdue once past <see cref="DueBy"/>).
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; }

    /// <summary>One of <see cref="NotificationKinds"/>.</summary>
    public string Kind { get; set; } = "";

    public Guid? PersonId { get; set; }

    public Guid? ManifestId { get; set; }

    public Guid? IncidentId { get; set; }

    /// <summary>counsel, family, independent-authority, next-of-kin.</summary>
    public string RecipientRole { get; set; } = "";

    public string RecipientName { get; set; } = "";

    /// <summary>E-mail address or telephone; null when none is on record (delivery then fails visibly).</summary>
    public string? Address { get; set; }

    /// <summary>The language the text is in (the person's, where a template exists).</summary>
    public string Language { get; set; } = "en";

    public string Subject { get; set; } = "";

    public string Body { get; set; } = "";

    public DateTime QueuedAt { get; set; }

    public DateTime? DueBy { get; set; }

    /// <summary>queued, delivered or failed (failed notices are retried).</summary>
    public string Status { get; set; } = NotificationStatuses.Queued;

    public int Attempts { get; set; }

    public string? Channel { get; set; }

    public string? LastError { get; set; }

    public DateTime? DeliveredAt { get; set; }

    public int Revision { get; set; }

    public long LastSeq { get; set; }
}

/// <summary>A <see cref="Notification"/> as a use case answers with it: a record of the row's facts, never the tracked entity.</summary>
public sealed record NotificationView(Guid Id, string Kind, Guid? PersonId, Guid? ManifestId, Guid? IncidentId, string RecipientRole, string RecipientName, string? Address, string Language, string Subject, string Body, DateTime QueuedAt, DateTime? DueBy, string Status, int Attempts, string? Channel, string? LastError, DateTime? DeliveredAt, long LastSeq)
{
    public static NotificationView Of(Notification x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return new(x.Id, x.Kind, x.PersonId, x.ManifestId, x.IncidentId, x.RecipientRole, x.RecipientName, x.Address, x.Language, x.Subject, x.Body, x.QueuedAt, x.DueBy, x.Status, x.Attempts, x.Channel, x.LastError, x.DeliveredAt, x.LastSeq);
    }
}

public static class NotificationStatuses
{
    public const string Queued = "queued";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}

public static class NotificationKinds
{
    /// <summary>Invariant 5: counsel of record told where the person is being taken.</summary>
    public const string TransferCounsel = "transfer-counsel";
    /// <summary>Invariant 5: the designated family contact told of the transfer.</summary>
    public const string TransferFamily = "transfer-family";
    /// <summary>Invariant 6: report to an authority independent of the custodian.</summary>
    public const string IncidentReport = "incident-report";
    /// <summary>Invariant 6: notice to next of kin.</summary>
    public const string IncidentNextOfKin = "incident-next-of-kin";

    /// <summary>The incident report, to the state on whose behalf the person is held.</summary>
    public const string IncidentSendingState = "incident-sending-state";

    /// <summary>A production request's deadline passed unanswered: to the court that ordered it…</summary>
    public const string ProductionOverdueCourt = "production-overdue-court";

    /// <summary>…and to the state on whose behalf the person is held.</summary>
    public const string ProductionOverdueSendingState = "production-overdue-sending-state";

    /// <summary>A relative's information request was not answered by its deadline: escalated to the independent authority.</summary>
    public const string InformationRequestOverdue = "information-request-overdue";

    public const string ReleaseCounsel = "release-counsel";
    public const string ReleaseFamily = "release-family";
    public const string ReturnCounsel = "return-counsel";
    public const string ReturnFamily = "return-family";
    public const string OnwardCounsel = "onward-counsel";
    public const string OnwardFamily = "onward-family";

    /// <summary>The counsel and family notice kinds of an admission's end (released, returned, transferred-onward).</summary>
    public static (string Counsel, string Family) MovementKinds(string endKind) => endKind switch
    {
        Transfers.CustodyEvents.Released => (ReleaseCounsel, ReleaseFamily),
        Transfers.CustodyEvents.Returned => (ReturnCounsel, ReturnFamily),
        Transfers.CustodyEvents.TransferredOnward => (OnwardCounsel, OnwardFamily),
        _ => throw new ArgumentOutOfRangeException(nameof(endKind), endKind, "not an end of an admission"),
    };
}
