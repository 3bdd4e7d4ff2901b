using System.Text;
using System.Text.Json.Nodes;
using Custody.Agreements;
using Custody.CourtOrders;
using Custody.Facts;
using Custody.Ledger;
using Custody.People;

namespace Custody.Core.Tests.People;

/// <summary>The register's events write the payloads the ledger has always held for their kinds.</summary>
public sealed class RegisterEventsTests
{
    private static readonly Guid Id = Guid.Parse("0195a1c2-0000-7000-8000-000000000001");
    private static readonly Guid Other = Guid.Parse("0195a1c2-0000-7000-8000-000000000002");

    private static string Payload(ILedgerEvent e) => CanonicalJson.ToText(EventRegistry.Default.ToPayload(e));

    [Fact]
    public void PersonRegistered_Payload_IsIdAndCanonicalFacts_AsTheImporterWritesIt()
    {
        var facts = JsonNode.Parse("""{"names":{"given":"Ana","family":"Ruiz"},"id":"S-1","dateOfBirth":"1990-01-02"}""")!.AsObject();
        var canonicalFacts = CanonicalJson.ToBytes(facts);
        var registered = new PersonRegistered(Id, facts) { CanonicalFacts = Encoding.UTF8.GetString(canonicalFacts) };

        var written = CanonicalJson.ToBytes(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("id", Id.ToString());
            writer.WritePropertyName("person");
            writer.WriteRawValue(canonicalFacts, skipInputValidation: true);
            writer.WriteEndObject();
        });

        Assert.Equal(Encoding.UTF8.GetString(written), Payload(registered));
        Assert.Equal("person:" + Id, registered.Subject());
    }

    [Fact]
    public void PersonUpdated_Payload_HasIdExternalIdSetRemoved_AndNotTheReactionsView()
    {
        var updated = new PersonUpdated(Id, "S-1", new JsonObject { ["sex"] = null, ["languages"] = new JsonArray("es") }, ["aliases"]);

        Assert.Equal($$$"""{"externalId":"S-1","id":"{{{Id}}}","removed":["aliases"],"set":{"languages":["es"],"sex":null}}""", Payload(updated));
        Assert.Equal(Id, updated.LegalFactsOf);
    }

    [Fact]
    public void AgreementRegistered_OpenEnded_WritesEffectiveUntilNull()
    {
        Assert.Equal("""{"effectiveUntil":null,"id":"us-sv","receivingState":"SV","sendingState":"US","title":"T"}""",
            Payload(new AgreementRegistered("us-sv", "T", "US", "SV")));
        Assert.Equal("""{"effectiveUntil":"2027-01-01T00:00:00.000000Z","id":"us-sv","receivingState":"SV","sendingState":"US","title":"T"}""",
            Payload(new AgreementUpdated("us-sv", "T", "US", "SV", new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc))));
    }

    [Fact]
    public void CourtOrderEntered_ReadsTheStoredPayload_AndWritesItBackTheSame()
    {
        var stored = $$"""{"documentReference":"scan-1","id":"{{Other}}","order":{"court":"9th Cir.","destinations":["SV"],"issuedAt":"2025-03-15T14:52:00.000000Z","kind":"stay-of-removal","verified":false},"person":"{{Id}}"}""";

        var entered = Assert.IsType<CourtOrderEntered>(EventRegistry.Default.Read(CourtOrderEntered.EntryKind, JsonNode.Parse(stored)!.AsObject()));

        Assert.Equal(new DateTime(2025, 3, 15, 14, 52, 0, DateTimeKind.Utc), entered.Order.IssuedAt);
        Assert.Null(entered.Order.ExpiresAt);
        Assert.Equal(stored, Payload(entered));
        Assert.Equal("person:" + Id, entered.Subject());
    }

    [Fact]
    public void FactUpdated_Payload_KeepsItsFields()
    {
        var updated = new FactUpdated(Other, Id, "fearClaims", "decided", new JsonObject { ["outcome"] = "positive" }, []);

        Assert.Equal($$$"""{"action":"decided","id":"{{{Other}}}","kind":"fearClaims","person":"{{{Id}}}","removed":[],"set":{"outcome":"positive"}}""", Payload(updated));
    }

    [Fact]
    public void RegisterKinds_AreRegisteredWithTheirProjectors()
    {
        string[] kinds = ["person.registered", "person.updated", "class-order.recorded", "class-order.updated", "agreement.registered", "agreement.updated",
            "agreement.version-added", "court-order.entered", "court-order.verified", "court-order.lifted", "fact.entered", "fact.updated"];

        Assert.All(kinds, kind => Assert.NotNull(EventRegistry.Default.ForKind(kind)?.Apply));
    }
}
