using Custody.Access;
using Custody.Common;
using Custody.CourtOrders;
using Custody.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Custody.Persistence.Tests;

public sealed class CourtOrderTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task EnteredVerifiedLifted_IsRebuiltFromTheLedger_AndAQuietUnliftIsCaught(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        Guid orderId;
        await using (var db = database.NewContext())
        {
            await Samples.ImportOkAsync(db, Samples.Bundle);
            var person = await db.People.SingleAsync(p => p.ExternalId == "S-0001");
            var entered = await new EnterCourtOrder(db, TimeProvider.System).HandleAsync(new PersonId(person.Id), new EnterCourtOrderRequest("stay-of-removal", "9th Cir.", "25-1", "2025-03-15T09:52:00Z", null, ["SV"], null),
                new Viewer("test:counsel"), mayRecordVerified: false);
            orderId = entered.Value!.Id;
            Assert.True((await new VerifyCourtOrder(db, TimeProvider.System).HandleAsync(orderId, new Viewer("test:court"))).Succeeded);
            Assert.True((await new LiftCourtOrder(db, TimeProvider.System).HandleAsync(orderId, new LiftCourtOrderRequest("2025-03-30T12:00:00Z"), new Viewer("test:court"))).Succeeded);
            var stored = await db.CourtOrders.AsNoTracking().SingleAsync();
            Assert.Equal(("test:counsel", "test:court", "test:court"), (stored.EnteredBy, stored.VerifiedBy, stored.LiftedBy));
            Assert.True((await new VerifyLedger(db).RunAsync()).Ok);
        }
        await using (var db = database.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE \"CourtOrders\" SET \"LiftedAt\" = NULL");
        }
        await using (var db = database.NewContext())
        {
            var result = await new VerifyLedger(db).RunAsync();

            Assert.False(result.Ok);
            Assert.Equal(("CourtOrders", orderId.ToString()), (result.Table, result.Key));
        }
    }

    [Fact]
    public async Task ReimportOfTheBundle_LeavesEnteredOrdersInPlace()
    {
        var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var db = database.NewContext();
        await Samples.ImportOkAsync(db, Samples.Bundle);
        var person = await db.People.SingleAsync(p => p.ExternalId == "S-0001");
        await new EnterCourtOrder(db, TimeProvider.System).HandleAsync(new PersonId(person.Id),
            new EnterCourtOrderRequest("no-transfer-order", "D. Ct.", null, "2025-03-15T09:52:00Z", null, [], null), new Viewer("test"), false);
        var changed = Samples.BundleObject();
        changed["persons"]![0]!["languages"] = new System.Text.Json.Nodes.JsonArray("es", "en");

        await Samples.ImportOkAsync(db, changed.ToJsonString());

        Assert.Equal(1, await db.CourtOrders.CountAsync());
        Assert.True((await new VerifyLedger(db).RunAsync()).Ok);
    }
}
