using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Custody.Imports;

namespace Custody.Demo;

/// <summary>
/// Writes a fictitious case bundle, streamed, that covers every kind of legal fact the format
/// has: every identifier scheme, citizenship claims in each status, removal orders under each
/// authority, convictions and charges, validated and unvalidated designations, protections,
/// court orders, proceedings, notices, fear claims, counsel and family. Deterministic for a seed,
/// so the demo register and the benchmark's 100,000 people are the same on every machine.
/// </summary>
public sealed class CaseBundleGenerator(int seed = 2025)
{
    private static readonly string[] GivenNames = ["José", "María", "Luis", "Ana", "Óscar", "Sofía", "Jesús", "Daniela", "Raúl", "Verónica", "Andrés", "Lucía", "Ángel", "Camila", "Iván", "Marisol", "Héctor", "Inés", "Rubén", "Noemí"];
    private static readonly string[] FamilyNames = ["Hernández", "García", "Martínez", "López", "Pérez", "Ramírez", "Rodríguez", "Flores", "Gómez", "Díaz", "Muñoz", "Castañeda", "Peña", "Ortíz", "Núñez", "Zúñiga", "Álvarez", "Bermúdez", "Chávez", "Quiñónez"];
    private static readonly string[] Countries = ["SV", "VE", "HN", "GT", "MX", "CO", "NI", "EC"];
    private static readonly string[] Schemes = ["a-number", "passport", "national-id", "fbi-number", "biometric-ref", "other"];
    private static readonly string[] Authorities = ["ina-240", "ina-241a5", "ina-238b", "ina-235b", "alien-enemies-act", "other"];
    private static readonly string[] OffenseCategories = ["violent", "sexual", "drug", "weapons", "property", "fraud", "traffic", "immigration", "other"];
    private static readonly string[] EvidenceKinds = ["tattoo", "clothing", "hand-signs", "associates", "social-media", "informant", "self-admission", "law-enforcement-database", "conviction-for-gang-offense", "court-finding"];
    private static readonly string[] ProtectionKinds = ["withholding-of-removal", "cat-withholding", "cat-deferral", "asylum", "temporary-protected-status", "other"];
    private static readonly string[] ProtectionStatuses = ["pending", "granted", "denied", "terminated"];
    private static readonly string[] OrderKinds = ["stay-of-removal", "temporary-restraining-order", "preliminary-injunction", "no-transfer-order", "production-order", "facilitate-return", "other"];
    private static readonly string[] ProceedingKinds = ["habeas", "appeal", "motion-to-reopen", "other"];
    private static readonly string[] ProceedingStatuses = ["pending", "decided", "withdrawn"];
    private static readonly string[] FearOutcomes = ["pending", "positive", "negative"];

    /// <summary>Writes a bundle of <paramref name="count"/> people with ids <c>{prefix}-000001</c>…; optionally the five sample people and their class order first.</summary>
    public void Write(Stream stream, int count, string prefix = "D", bool includeSample = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var random = new Random(seed);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        using var sample = includeSample ? JsonDocument.Parse(FormatSchemas.ReadEmbedded("sample.case-bundle.json")) : null;
        writer.WriteStartObject();
        writer.WriteString("format", FormatSchemas.CaseBundleFormat);
        writer.WriteString("source", "Custody demo generator — every person here is fictitious");
        writer.WriteStartArray("persons");
        if (sample is not null)
        {
            foreach (var person in sample.RootElement.GetProperty("persons").EnumerateArray())
            {
                person.WriteTo(writer);
            }
        }
        for (var i = 1; i <= count; i++)
        {
            WritePerson(writer, random, i, $"{prefix}-{i:D6}");
            if (i % 1000 == 0)
            {
                writer.Flush();
            }
        }
        writer.WriteEndArray();
        writer.WriteStartArray("classOrders");
        sample?.RootElement.GetProperty("classOrders")[0].WriteTo(writer);
        writer.WriteStartObject();
        writer.WriteString("id", "CO-DEMO-VE");
        writer.WriteString("court", "US District Court (demo)");
        writer.WriteString("docket", "1:25-cv-00001");
        writer.WriteString("description", "No third-country removal of Venezuelan nationals without notice (demo).");
        writer.WriteString("issuedAt", "2025-04-01T15:00:00Z");
        writer.WriteStartArray("nationalities");
        writer.WriteStringValue("VE");
        writer.WriteEndArray();
        writer.WriteBoolean("thirdCountryOnly", true);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    // Person i carries the facts selected by i, so that any run of a dozen people covers them all.
    private static void WritePerson(Utf8JsonWriter w, Random random, int i, string id)
    {
        string Pick(string[] values) => values[random.Next(values.Length)];
        var nationality = Countries[i % Countries.Length];
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteStartObject("names");
        w.WriteString("given", Pick(GivenNames));
        w.WriteString("family", $"{Pick(FamilyNames)} {Pick(FamilyNames)}");
        if (i % 5 == 0)
        {
            w.WriteStartArray("aliases");
            w.WriteStringValue($"\"El {Pick(GivenNames)}\"");
            w.WriteEndArray();
        }
        w.WriteEndObject();
        // Every 17th person is a minor (born 2010), so that minors appear in the register.
        var birth = i % 17 == 0 ? new DateOnly(2010, 1 + (i % 12), 1 + (i % 28)) : new DateOnly(1960 + (i % 45), 1 + (i % 12), 1 + (i % 28));
        w.WriteString("dateOfBirth", Date(birth));
        w.WriteString("sex", (i % 4) switch { 0 => "female", 1 => "male", 2 => "male", _ => "unknown" });
        w.WriteString("countryOfBirth", nationality);
        w.WriteStartArray("nationalities");
        w.WriteStringValue(nationality);
        if (i % 23 == 0)
        {
            w.WriteStringValue("US");
        }
        w.WriteEndArray();
        w.WriteStartArray("languages");
        w.WriteStringValue("es");
        if (i % 3 == 0)
        {
            w.WriteStringValue("en");
        }
        w.WriteEndArray();

        w.WriteStartArray("identifiers");
        w.WriteStartObject();
        w.WriteString("scheme", "a-number");
        w.WriteString("value", $"A{300000000 + i}");
        w.WriteBoolean("verified", i % 11 != 0);
        w.WriteEndObject();
        var scheme = Schemes[i % Schemes.Length];
        if (scheme != "a-number")
        {
            w.WriteStartObject();
            w.WriteString("scheme", scheme);
            w.WriteString("value", $"{scheme.ToUpperInvariant()[..2]}{i:D8}");
            w.WriteString("issuer", nationality);
            w.WriteBoolean("verified", i % 2 == 0);
            if (scheme == "biometric-ref")
            {
                w.WriteString("sha256", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i))));
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();

        if (i % 13 == 0 || i % 23 == 0)
        {
            w.WriteStartArray("citizenshipClaims");
            w.WriteStartObject();
            w.WriteString("country", "US");
            w.WriteString("status", i % 23 == 0 ? "verified" : (i % 2 == 0 ? "asserted" : "rejected"));
            w.WriteString("recordedAt", "2025-02-20T10:00:00Z");
            w.WriteString("basis", "claimed birth abroad to a citizen parent");
            w.WriteEndObject();
            w.WriteEndArray();
        }
        if (i % 9 != 0)
        {
            w.WriteStartObject("removalOrder");
            w.WriteString("authority", Authorities[i % Authorities.Length]);
            w.WriteBoolean("final", i % 7 != 0);
            w.WriteString("finalOn", Date(new DateOnly(2024, 1 + (i % 12), 1 + (i % 28))));
            w.WriteStartArray("designatedCountries");
            w.WriteStringValue(nationality);
            w.WriteEndArray();
            w.WriteString("issuedBy", "Immigration Court (demo)");
            w.WriteEndObject();
        }
        if (i % 3 != 0)
        {
            w.WriteStartArray("convictions");
            w.WriteStartObject();
            var category = OffenseCategories[i % OffenseCategories.Length];
            w.WriteString("offense", $"{category} offence (demo)");
            w.WriteString("category", category);
            w.WriteString("jurisdiction", "US-TX");
            w.WriteString("date", Date(new DateOnly(2015 + (i % 9), 1 + (i % 12), 1 + (i % 28))));
            if (i % 4 != 0)
            {
                w.WriteNumber("sentenceMonths", 6 * (i % 10));
            }
            w.WriteEndObject();
            w.WriteEndArray();
        }
        if (i % 8 == 0)
        {
            w.WriteStartArray("pendingCharges");
            w.WriteStartObject();
            w.WriteString("offense", "pending charge (demo)");
            w.WriteString("category", OffenseCategories[(i / 8) % OffenseCategories.Length]);
            w.WriteString("filedOn", "2025-01-10");
            w.WriteEndObject();
            w.WriteEndArray();
        }
        if (i % 4 == 1)
        {
            w.WriteStartArray("designations");
            w.WriteStartObject();
            w.WriteString("group", i % 8 == 1 ? "MS-13" : "Tren de Aragua");
            w.WriteStartArray("evidence");
            w.WriteStartObject();
            w.WriteString("kind", EvidenceKinds[i % EvidenceKinds.Length]);
            w.WriteString("source", "field report (demo)");
            w.WriteEndObject();
            if (i % 12 == 1)
            {
                w.WriteStartObject();
                w.WriteString("kind", "court-finding");
                w.WriteString("date", "2023-05-05");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("reviewers");
            w.WriteStringValue("officer-17");
            if (i % 12 == 1)
            {
                w.WriteStringValue("reviewer-42");
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
        }
        if (i % 6 == 2)
        {
            w.WriteStartArray("protections");
            w.WriteStartObject();
            w.WriteString("kind", ProtectionKinds[i % ProtectionKinds.Length]);
            w.WriteString("status", ProtectionStatuses[(i / 6) % ProtectionStatuses.Length]);
            w.WriteStartArray("countries");
            if (i % 12 == 2)
            {
                w.WriteStringValue("SV");
            }
            w.WriteEndArray();
            w.WriteString("effectiveFrom", "2020-06-01");
            if (i % 18 == 2)
            {
                w.WriteString("effectiveUntil", "2026-06-01");
            }
            w.WriteString("source", "Immigration judge order (demo)");
            w.WriteEndObject();
            w.WriteEndArray();
        }
        if (i % 7 == 3)
        {
            w.WriteStartArray("courtOrders");
            w.WriteStartObject();
            w.WriteString("kind", OrderKinds[(i / 7) % OrderKinds.Length]);
            w.WriteString("court", "US Court of Appeals (demo)");
            w.WriteString("docket", $"25-{1000 + i}");
            w.WriteString("issuedAt", "2025-03-15T09:52:00Z");
            if (i % 14 == 3)
            {
                w.WriteString("expiresAt", "2025-04-15T09:52:00Z");
            }
            if (i % 21 == 3)
            {
                w.WriteString("liftedAt", "2025-03-30T12:00:00Z");
            }
            w.WriteBoolean("verified", i % 2 == 0);
            w.WriteStartArray("destinations");
            w.WriteStringValue("SV");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
        }
        if (i % 10 == 4)
        {
            w.WriteStartArray("proceedings");
            w.WriteStartObject();
            w.WriteString("kind", ProceedingKinds[(i / 10) % ProceedingKinds.Length]);
            w.WriteString("status", ProceedingStatuses[(i / 10) % ProceedingStatuses.Length]);
            w.WriteString("court", "Board of Immigration Appeals (demo)");
            w.WriteString("filedOn", "2025-02-01");
            w.WriteEndObject();
            w.WriteEndArray();
        }
        if (nationality != "SV" && i % 2 == 1)
        {
            w.WriteStartArray("notices");
            w.WriteStartObject();
            w.WriteString("kind", "third-country-removal");
            w.WriteString("country", "SV");
            w.WriteString("servedAt", i % 6 == 1 ? "2025-03-01T15:00:00Z" : "2025-03-19T15:00:00Z");
            w.WriteStartArray("servedOn");
            w.WriteStringValue("person");
            if (i % 5 == 0)
            {
                w.WriteStringValue("counsel");
            }
            w.WriteEndArray();
            w.WriteString("language", i % 10 == 7 ? "en" : "es");
            w.WriteEndObject();
            w.WriteEndArray();
        }
        if (i % 5 == 2)
        {
            w.WriteStartArray("fearClaims");
            w.WriteStartObject();
            w.WriteString("country", "SV");
            w.WriteString("raisedAt", "2025-03-02T10:00:00Z");
            var outcome = FearOutcomes[(i / 5) % FearOutcomes.Length];
            w.WriteString("interviewAt", "2025-03-06T10:00:00Z");
            w.WriteString("outcome", outcome);
            if (outcome != "pending")
            {
                w.WriteString("decidedAt", "2025-03-10T10:00:00Z");
            }
            w.WriteEndObject();
            w.WriteEndArray();
        }
        if (i % 5 == 0 || i % 6 == 2)
        {
            w.WriteStartArray("counsel");
            w.WriteStartObject();
            w.WriteString("name", "R. Alvarez");
            w.WriteBoolean("ofRecord", true);
            w.WriteString("email", "counsel@example.org");
            w.WriteString("phone", "+1 202 555 0100");
            w.WriteEndObject();
            w.WriteEndArray();
        }
        if (i % 2 == 0)
        {
            w.WriteStartArray("familyContacts");
            w.WriteStartObject();
            w.WriteString("name", $"{Pick(GivenNames)} {Pick(FamilyNames)}");
            w.WriteString("relationship", i % 4 == 0 ? "mother" : "spouse");
            w.WriteString("phone", $"+503 7{i % 1000:D3} {i % 10000:D4}");
            w.WriteBoolean("designated", true);
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
