using Custody.Access;
using Custody.Common;
using Custody.CourtOrders;
using Custody.Ledger;
using Custody.Screening;
using Microsoft.EntityFrameworkCore;

namespace Custody.Persistence.Tests;

public sealed class StepScreeningTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ScreenAsync_AtAStep_LedgersTheSnapshotWithTheStep_AndSeesOrdersCommittedJustBefore(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        await using var db = database.NewContext();
        await Samples.ImportOkAsync(db, Samples.Agreement);
        await Samples.ImportOkAsync(db, Samples.Bundle);
        var person = await db.People.SingleAsync(p => p.ExternalId == "S-0001");
        var at = new DateTimeOffset(2025, 3, 20, 12, 0, 0, TimeSpan.Zero);

        async Task<ScreeningDecision> StepAsync(string step)
        {
            var decision = await UnitOfWork.RunAsync(db, TimeProvider.System,
                work => new StepScreening(db, TimeProvider.System).ScreenAsync(work, person.Id, "us-sv-2025", step, at, "test:escort"));
            return decision.Value!;
        }

        var boarding = await StepAsync(TransferSteps.Boarding);
        await new EnterCourtOrder(db, TimeProvider.System).HandleAsync(new PersonId(person.Id),
            new EnterCourtOrderRequest("stay-of-removal", "9th Cir.", null, "2025-03-20T09:52:00Z", null, [], null), new Viewer("test:counsel"), false);
        var gate = await StepAsync(TransferSteps.DepartureGate);

        Assert.True(boarding.IsEligible);
        Assert.Equal([ScreeningCodes.CourtOrderUnverified], gate.Reasons);
        var snapshots = await db.LedgerEntries.AsNoTracking().Where(e => e.Kind == ScreeningDecided.EntryKind).OrderBy(e => e.Seq).ToListAsync();
        Assert.Equal(2, snapshots.Count);
        var last = LedgerContent.Parse(snapshots[1].Content).Payload;
        Assert.Equal(TransferSteps.DepartureGate, last["step"]!.GetValue<string>());
        Assert.Equal("blocked", last["outcome"]!.GetValue<string>());
        Assert.Equal(2, last["agreementVersion"]!.GetValue<int>());
        Assert.Equal("2025-03-20T12:00:00.000000Z", last["at"]!.GetValue<string>());
        Assert.True((await new VerifyLedger(db).RunAsync()).Ok);
    }
}
