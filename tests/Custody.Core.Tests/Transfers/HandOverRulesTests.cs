using Custody.Access;
using Custody.Common;
using Custody.Transfers;

namespace Custody.Core.Tests.Transfers;

/// <summary>Arrival and the two-party hand-over as pure decisions, at each boundary: the event each step records, or why not.</summary>
public sealed class HandOverRulesTests
{
    private static readonly PersonId Someone = new(Guid.NewGuid());

    private static readonly Viewer Escort = new("user:escort", Roles: [Roles.EscortOfficer]);

    private static readonly Viewer Reception = new("user:reception", Roles: [Roles.ReceptionOfficer]);

    private static Manifest In(string status, string direction = ManifestDirections.Transfer) => new() { Id = Guid.NewGuid(), Status = status, Direction = direction };

    private static ManifestPerson Person(string status, string? alert = null, string? dispatchedBy = null) =>
        new() { PersonId = Someone.Value, Role = ManifestRoles.Principal, Status = status, Alert = alert, AlertReasons = alert is null ? "" : "stay", DispatchedBy = dispatchedBy };

    [Theory]
    [InlineData(ManifestStatuses.Locked, false, false, false)]
    [InlineData(ManifestStatuses.Departed, true, true, false)]
    [InlineData(ManifestStatuses.Arrived, false, true, true)]
    public void EachStep_BelongsToItsStatus(string status, bool arrives, bool discrepancies, bool handsOver)
    {
        var manifest = In(status);

        Assert.Equal(arrives ? new ManifestArrived(manifest.Id) : null, HandOverRules.Arrive(manifest).Change);
        Assert.Equal(discrepancies, HandOverRules.Discrepancy(manifest, Guid.NewGuid(), null, null, "extra", "one more").Allowed);
        Assert.Equal(handsOver, HandOverRules.Dispatch(manifest, Person(ManifestPersonStatuses.Boarded), Someone, Escort).Allowed);
    }

    [Fact]
    public void ADiscrepancy_AboutSomeoneNotOnTheManifest_IsNotFound()
    {
        var manifest = In(ManifestStatuses.Arrived);
        var id = Guid.NewGuid();

        Assert.IsType<NotFound>(HandOverRules.Discrepancy(manifest, id, Someone, null, "injured", "arm").Failure);
        Assert.Equal(new ManifestDiscrepancyRecorded(id, manifest.Id, "injured", "arm", Someone.Value),
            HandOverRules.Discrepancy(manifest, id, Someone, Person(ManifestPersonStatuses.Boarded), "injured", "arm").Change);
    }

    [Fact]
    public void Acknowledgements_GoInOrder_BoardedThenDispatched()
    {
        var arrived = In(ManifestStatuses.Arrived);

        Assert.Equal(new ManifestPersonDispatched(arrived.Id, Someone), HandOverRules.Dispatch(arrived, Person(ManifestPersonStatuses.Boarded), Someone, Escort).Change);
        Assert.Equal(new ManifestPersonReceived(arrived.Id, Someone),
            HandOverRules.Receive(arrived, Person(ManifestPersonStatuses.Dispatched, dispatchedBy: Escort.Actor), Someone, Reception).Change);
        Assert.Equal("This acknowledgement needs the person dispatched; they are boarded.",
            HandOverRules.Receive(arrived, Person(ManifestPersonStatuses.Boarded), Someone, Reception).Refusal);
        Assert.NotNull(HandOverRules.Receive(arrived, Person(ManifestPersonStatuses.HandedOver), Someone, Reception).Refusal);
        Assert.IsType<NotFound>(HandOverRules.Dispatch(arrived, null, Someone, Escort).Failure);
    }

    [Fact]
    public void AReturnRequired_IsNeverHandedOver_ExceptOnTheReturn()
    {
        var held = Person(ManifestPersonStatuses.Boarded, ManifestAlerts.ReturnRequired);

        Assert.Equal("Return required (stay): this person may not be handed over.", HandOverRules.Dispatch(In(ManifestStatuses.Arrived), held, Someone, Escort).Refusal);
        Assert.True(HandOverRules.Dispatch(In(ManifestStatuses.Arrived, ManifestDirections.Return), held, Someone, Escort).Allowed);
    }

    [Fact]
    public void TheOfficialWhoDispatched_CannotReceive()
    {
        var both = new Viewer("user:both", Roles: [Roles.EscortOfficer, Roles.ReceptionOfficer]);
        var dispatched = Person(ManifestPersonStatuses.Dispatched, dispatchedBy: both.Actor);

        Assert.NotNull(HandOverRules.Receive(In(ManifestStatuses.Arrived), dispatched, Someone, both).Refusal);
        Assert.True(HandOverRules.Receive(In(ManifestStatuses.Arrived), dispatched, Someone, Reception).Allowed);
    }

    [Fact]
    public void TheWrongSide_IsForbidden()
    {
        Assert.IsType<Forbidden>(HandOverRules.Dispatch(In(ManifestStatuses.Arrived), Person(ManifestPersonStatuses.Boarded), Someone, Reception).Failure);
        Assert.IsType<Forbidden>(HandOverRules.Receive(In(ManifestStatuses.Arrived), Person(ManifestPersonStatuses.Dispatched), Someone, Escort).Failure);
    }
}
