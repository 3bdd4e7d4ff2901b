using System.Text.Json.Nodes;
using Custody.Common;
using Custody.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Custody.Persistence.Tests;

public sealed class ImportTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Import_SampleAgreementAndBundle_RegistersEverythingAndVerifies(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        await using var db = database.NewContext();

        var agreement = await Samples.ImportOkAsync(db, Samples.Agreement);
        var bundle = await Samples.ImportOkAsync(db, Samples.Bundle);

        Assert.Equal(2, agreement.VersionsAdded);
        Assert.Equal(5, bundle.PeopleRegistered);
        Assert.Equal(1, bundle.ClassOrdersRecorded);
        Assert.Equal(5, await db.People.CountAsync());
        var julio = await db.People.SingleAsync(p => p.ExternalId == "S-0002");
        Assert.Equal("Menjívar Cruz", julio.FamilyName);
        Assert.Contains(" protections ", julio.FactKinds, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(1995, 1, 30), julio.DateOfBirth);
        var verification = await new VerifyLedger(db).RunAsync();
        Assert.True(verification.Ok, verification.Problem);
        // agreement registered + 2 versions + import.completed; 1 class order + 5 people + import.completed
        Assert.Equal(11, verification.Entries);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Import_SameFilesAgain_AppendsNothing(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        await using var db = database.NewContext();
        await Samples.ImportOkAsync(db, Samples.Agreement);
        await Samples.ImportOkAsync(db, Samples.Bundle);
        var size = await db.LedgerEntries.CountAsync();

        var again = await Samples.ImportOkAsync(db, Samples.Bundle);
        var agreementAgain = await Samples.ImportOkAsync(db, Samples.Agreement);

        Assert.Equal(5, again.PeopleUnchanged);
        Assert.Equal(0, again.EntriesAppended);
        Assert.Equal(2, agreementAgain.VersionsUnchanged);
        Assert.Equal(size, await db.LedgerEntries.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Import_ChangedPerson_UpdatesAndLedgersWhatChanged(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        await using var db = database.NewContext();
        await Samples.ImportOkAsync(db, Samples.Bundle);
        var bundle = Samples.BundleObject();
        var mateo = bundle["persons"]![0]!.AsObject();
        mateo["languages"] = new JsonArray("es", "en");
        mateo.Remove("sex");
        mateo["courtOrders"] = JsonNode.Parse("""[{"kind":"stay-of-removal","court":"9th Cir.","issuedAt":"2025-03-15T09:52:00-05:00","verified":false,"destinations":[]}]""");

        var result = await Samples.ImportOkAsync(db, bundle.ToJsonString());

        Assert.Equal(1, result.PeopleUpdated);
        Assert.Equal(4, result.PeopleUnchanged);
        var person = await db.People.SingleAsync(p => p.ExternalId == "S-0001");
        Assert.Equal("es en", person.Languages);
        Assert.Null(person.Sex);
        Assert.Equal(2, person.Revision);
        var entry = await db.LedgerEntries.SingleAsync(e => e.Kind == People.PersonUpdated.EntryKind);
        var payload = LedgerContent.Parse(entry.Content).Payload;
        Assert.Equal(["courtOrders", "languages"], payload["set"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["sex"], payload["removed"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("person:" + person.Id, entry.Subject);
        Assert.True((await new VerifyLedger(db).RunAsync()).Ok);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Import_DuplicateIdAndSchemaErrors_ReportsEveryPathAndWritesNothing(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        await using var db = database.NewContext();
        await Samples.ImportOkAsync(db, Samples.Bundle);
        var before = await db.LedgerEntries.CountAsync();
        var bundle = Samples.BundleObject();
        var persons = bundle["persons"]!.AsArray();
        persons[0]!["names"]!["family"] = "Changed";       // valid change that must not land
        persons[1]!["id"] = "S-0001";                       // duplicate id
        persons[2]!["dateOfBirth"] = "1998-02-30";          // not a date
        persons[3]!.AsObject().Remove("languages");          // required
        persons[4]!["nickname"] = "x";                      // not allowed

        var result = await Samples.ImportAsync(db, bundle.ToJsonString());

        var invalid = Assert.IsType<Invalid>(result.Failure);
        var fields = invalid.Errors.Select(e => e.Field).ToList();
        Assert.Contains("/persons/1/id", fields);
        Assert.Contains("/persons/2/dateOfBirth", fields);
        Assert.Contains("/persons/3", fields);
        Assert.Contains("/persons/4/nickname", fields);
        Assert.Equal(before, await db.LedgerEntries.CountAsync());
        Assert.Equal("Rivas Ortega", (await db.People.SingleAsync(p => p.ExternalId == "S-0001")).FamilyName);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Import_ChangedAgreementVersion_IsRefusedButNewVersionIsAdded(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        await using var db = database.NewContext();
        await Samples.ImportOkAsync(db, Samples.Agreement);
        var before = await db.LedgerEntries.CountAsync();

        var changed = Samples.AgreementObject();
        changed["versions"]![1]!["personCap"] = 301;
        changed["title"] = "A new title that must not land with the refused version";
        var refused = await Samples.ImportAsync(db, changed.ToJsonString());
        var invalid = Assert.IsType<Invalid>(refused.Failure);
        Assert.Equal("/versions/1", Assert.Single(invalid.Errors).Field);
        Assert.Equal(before, await db.LedgerEntries.CountAsync());

        var extended = Samples.AgreementObject();
        var v3 = extended["versions"]![1]!.DeepClone().AsObject();
        v3["number"] = 3;
        v3["effectiveFrom"] = "2025-09-01T00:00:00Z";
        v3["personCap"] = 400;
        extended["versions"]!.AsArray().Add(v3);
        extended["effectiveUntil"] = "2027-01-01T00:00:00Z";
        var added = await Samples.ImportOkAsync(db, extended.ToJsonString());
        Assert.Equal(1, added.VersionsAdded);
        Assert.Equal(2, added.VersionsUnchanged);
        Assert.Equal(new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc), (await db.Agreements.SingleAsync()).EffectiveUntil);
        Assert.True((await new VerifyLedger(db).RunAsync()).Ok);
    }

    [Fact]
    public async Task Import_AgreementEndingBeforeAVersionStarts_IsRefused()
    {
        var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var db = database.NewContext();
        var agreement = Samples.AgreementObject();
        agreement["effectiveUntil"] = "2025-03-14T00:00:00Z"; // the instant version 2 starts: not after it

        var result = await Samples.ImportAsync(db, agreement.ToJsonString());

        Assert.Contains(Assert.IsType<Invalid>(result.Failure).Errors, e => e.Field == "/effectiveUntil");
        Assert.Equal(0, await db.LedgerEntries.CountAsync());
    }

    [Fact]
    public async Task Import_ProtectionEndingOnItsStart_IsRefused()
    {
        var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var db = database.NewContext();
        var bundle = Samples.BundleObject();
        bundle["persons"]![1]!["protections"]![0]!["effectiveUntil"] = "2019-10-10";

        var result = await Samples.ImportAsync(db, bundle.ToJsonString());

        Assert.Equal("/persons/1/protections/0/effectiveUntil", Assert.Single(Assert.IsType<Invalid>(result.Failure).Errors).Field);
        Assert.Equal(0, await db.People.CountAsync());
    }

    [Theory]
    [InlineData("""{"format": "custody.case-bundle/2", "persons": []}""", "/format")]
    [InlineData("""{"persons": []}""", "/format")]
    [InlineData("""{"format": "custody.case-bundle/1", "persons": [ {"id": "x"} ] """, "/")]
    [InlineData("""[1, 2]""", "/")]
    [InlineData("""{"format": "custody.case-bundle/1"}""", "/")]
    [InlineData("""{"format": "custody.case-bundle/1", "persons": [], "classOrders": [{"id": "C", "court": "c", "issuedAt": "2025-01-01T00:00:00Z", "description": "no predicate"}]}""", "/classOrders/0")]
    public async Task Import_MalformedFiles_NameWhereAndWriteNothing(string json, string field)
    {
        var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var db = database.NewContext();

        var result = await Samples.ImportAsync(db, json);

        Assert.Contains(Assert.IsType<Invalid>(result.Failure).Errors, e => e.Field == field);
        Assert.Equal(0, await db.LedgerEntries.CountAsync());
    }

    [Fact]
    public async Task Import_AValueOver16MiB_IsRefused_WithoutHoldingIt_AndWritesNothing()
    {
        var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var db = database.NewContext();
        await Samples.ImportOkAsync(db, Samples.Agreement);
        var size = await db.LedgerEntries.CountAsync();
        var bundle = Samples.BundleObject();
        bundle["persons"]![0]!["givenName"] = new string('a', 17 * 1024 * 1024);

        var result = await Samples.ImportAsync(db, bundle.ToJsonString());

        var invalid = Assert.IsType<Invalid>(result.Failure);
        Assert.Contains(invalid.Errors, e => e.Message.Contains("longer than 16 MiB", StringComparison.Ordinal));
        Assert.Equal(size, await db.LedgerEntries.CountAsync());
    }
}
