using System.Text.Json.Nodes;
using Custody.Common;
using Custody.Ledger;
using Custody.Notifications;

namespace Custody.Transfers;

/// <summary>The transfer and facility-register tables as <see cref="TransferEvents"/> reads and changes them: the database in a command, dictionaries when the ledger is replayed.</summary>
public interface ITransferState
{
    Manifest? FindManifest(Guid id);

    ManifestPerson? FindManifestPerson(Guid manifestId, Guid personId);

    CustodyRecord? CurrentCustody(Guid personId);

    Notification? FindNotification(Guid id);

    Facilities.Cell? FindCell(string id);

    Facilities.Admission? OpenAdmission(Guid personId);

    Facilities.CellAssignment? OpenAssignment(Guid personId);

    Facilities.AccessVisit? FindVisit(Guid id);

    Facilities.InformationRestriction? FindRestriction(Guid id);

    Facilities.FollowUpAction? FindAction(Guid id);

    Billing.PaymentHold? FindHold(Guid id);

    Billing.Dispute? FindDispute(Guid id);

    void Add(object row);
}

/// <summary>
/// The one place transfer entries change state. Commands append an entry and apply it here;
/// verification replays the ledger through the same method, so the stored tables and the rebuilt
/// ones cannot drift apart. Guards against impossible states live in the commands (which refuse
/// before appending); here an entry that does not fit is a corrupt ledger.
/// </summary>
public static class TransferEvents
{
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal)
    {
        LedgerKinds.CellRegistered, LedgerKinds.PersonAdmitted, LedgerKinds.CellAssigned, LedgerKinds.WelfareChecked, LedgerKinds.VisitRequested,
        LedgerKinds.VisitDecided, LedgerKinds.PersonReleased, LedgerKinds.InformationRestricted, LedgerKinds.InformationRestrictionLifted,
        LedgerKinds.InspectionRecorded, LedgerKinds.InspectionActionCompleted,
        LedgerKinds.PaymentHoldPlaced, LedgerKinds.PaymentHoldLifted, LedgerKinds.InvoiceIssued,
        LedgerKinds.DisputeRaised, LedgerKinds.DisputeResolved, LedgerKinds.CreditNoteIssued, LedgerKinds.PaymentRecorded,
    };

    /// <summary>Transitional: the facility register's kinds, until they are typed events.</summary>
    public static void Apply(ITransferState state, JsonObject p, LedgerEntry entry) => Facilities.RegisterEvents.Apply(state, p, entry);
}
