using Custody.Access;
using Custody.Common;
using Custody.Facts;
using Custody.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Custody.Persistence.Tests;

public sealed class EnteredFactTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task FearClaimRaisedAndDecided_IsRebuiltFromTheLedger_AndAnEditedOutcomeIsCaught(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        Guid factId;
        await using (var db = database.NewContext())
        {
            await Samples.ImportOkAsync(db, Samples.Agreement);
            await Samples.ImportOkAsync(db, Samples.Bundle);
            var person = await db.People.SingleAsync(p => p.ExternalId == "S-0001");
            var raised = await new RaiseFearClaim(db, TimeProvider.System).HandleAsync(new PersonId(person.Id), new RaiseFearClaimRequest("SV", "2025-03-01T10:00:00Z"), new Viewer("test:counsel"));
            factId = raised.Value!.Fact.Id;
            var decided = await new DecideFact(db, TimeProvider.System).HandleAsync(factId, new DecideFactRequest("positive", "2025-03-10T10:00:00Z"), new Viewer("test:judge"));
            Assert.Equal("positive", decided.Value!.Fact.Fact["outcome"]!.GetValue<string>());
            Assert.True((await new VerifyLedger(db).RunAsync()).Ok);
        }
        await using (var db = database.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE \"EnteredFacts\" SET \"Fact\" = REPLACE(\"Fact\", 'positive', 'negative')");
        }
        await using (var db = database.NewContext())
        {
            var result = await new VerifyLedger(db).RunAsync();

            Assert.Equal(("EnteredFacts", factId.ToString()), (result.Table, result.Key));
        }
    }
}
