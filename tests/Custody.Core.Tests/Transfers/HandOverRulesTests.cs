using Custody.Transfers;

namespace Custody.Core.Tests.Transfers;

/// <summary>Arrival and the two-party hand-over as pure decisions, at each boundary.</summary>
public sealed class HandOverRulesTests
{
    private static ManifestPerson Person(string status, string? alert = null, string? dispatchedBy = null) =>
        new() { PersonId = Guid.NewGuid(), Role = ManifestRoles.Principal, Status = status, Alert = alert, AlertReasons = alert is null ? "" : "stay", DispatchedBy = dispatchedBy };

    [Theory]
    [InlineData(ManifestStatuses.Locked, false, false, false)]
    [InlineData(ManifestStatuses.Departed, true, true, false)]
    [InlineData(ManifestStatuses.Arrived, false, true, true)]
    public void EachStep_BelongsToItsStatus(string status, bool arrives, bool discrepancies, bool handsOver)
    {
        Assert.Equal(arrives, HandOverRules.RefuseArrival(status) is null);
        Assert.Equal(discrepancies, HandOverRules.RefuseDiscrepancy(status) is null);
        Assert.Equal(handsOver, HandOverRules.RefuseHandOverStep(status) is null);
    }

    [Fact]
    public void Acknowledgements_GoInOrder_BoardedThenDispatched()
    {
        Assert.Null(HandOverRules.RefuseAcknowledgement(Person(ManifestPersonStatuses.Boarded), false, ManifestPersonStatuses.Boarded));
        Assert.Null(HandOverRules.RefuseAcknowledgement(Person(ManifestPersonStatuses.Dispatched), false, ManifestPersonStatuses.Dispatched));
        Assert.Equal("This acknowledgement needs the person dispatched; they are boarded.",
            HandOverRules.RefuseAcknowledgement(Person(ManifestPersonStatuses.Boarded), false, ManifestPersonStatuses.Dispatched));
        Assert.NotNull(HandOverRules.RefuseAcknowledgement(Person(ManifestPersonStatuses.HandedOver), false, ManifestPersonStatuses.Dispatched));
    }

    [Fact]
    public void AReturnRequired_IsNeverHandedOver_ExceptOnTheReturn()
    {
        var held = Person(ManifestPersonStatuses.Boarded, ManifestAlerts.ReturnRequired);

        Assert.Equal("Return required (stay): this person may not be handed over.", HandOverRules.RefuseAcknowledgement(held, false, ManifestPersonStatuses.Boarded));
        Assert.Null(HandOverRules.RefuseAcknowledgement(held, true, ManifestPersonStatuses.Boarded));
    }

    [Fact]
    public void TheOfficialWhoDispatched_CannotReceive()
    {
        var dispatched = Person(ManifestPersonStatuses.Dispatched, dispatchedBy: "user:escort");

        Assert.NotNull(HandOverRules.RefuseSameOfficial(dispatched, "user:escort"));
        Assert.Null(HandOverRules.RefuseSameOfficial(dispatched, "user:reception"));
    }
}
