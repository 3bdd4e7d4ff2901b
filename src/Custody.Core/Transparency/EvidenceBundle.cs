using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Transparency;

/// <summary>One ledger entry in an evidence bundle: its exact stored bytes (salt included) and its C2SP tlog-proof.</summary>
public sealed record EvidenceEntry(long Seq, string Kind, string Content, string Proof);

/// <summary>
/// What a court downloads about a person: every ledger entry about them, each with its inclusion
/// proof against one final, cosigned checkpoint. Whoever holds only the log's and witnesses'
/// published keys can check it offline (<c>custody verify bundle</c>): no database, no trust in
/// either government's servers.
/// </summary>
public sealed record EvidenceBundle(string Format, Guid Person, string Checkpoint, IReadOnlyList<EvidenceEntry> Entries)
{
    public const string FormatName = "custody-evidence/v1";

    public string ToJson() => JsonSerializer.Serialize(this, EvidenceJson.Default.EvidenceBundle);

    /// <summary>
    /// Builds the bundle for a person against a final checkpoint that covers all their entries:
    /// those about the person, and those about a manifest they were on that name them.
    /// </summary>
    public static async Task<EvidenceBundle> BuildAsync(CustodyDbContext db, Guid person, LedgerCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(checkpoint);
        // Subjects are built here, not in SQL: SQLite would write the ids in upper case.
        var manifests = await db.ManifestPeople.Where(m => m.PersonId == person).Select(m => m.ManifestId).Distinct().ToListAsync(cancellationToken);
        var subjects = manifests.Select(m => "manifest:" + m).Append("person:" + person).ToList();
        var id = Encoding.UTF8.GetBytes(person.ToString());
        var entries = (await db.LedgerEntries.AsNoTracking().Where(e => subjects.Contains(e.Subject) && e.Seq <= checkpoint.Size).OrderBy(e => e.Seq).ToListAsync(cancellationToken))
            .Where(e => e.Subject == "person:" + person || e.Content.AsSpan().IndexOf(id) >= 0)
            .ToList();
        var proofs = new LedgerProofs(db);
        var note = SignedNote.Parse(checkpoint.Note);
        var bundled = new List<EvidenceEntry>();
        foreach (var entry in entries)
        {
            var path = await proofs.InclusionAsync((ulong)entry.Seq, (ulong)checkpoint.Size, cancellationToken);
            bundled.Add(new EvidenceEntry(entry.Seq, entry.Kind, Convert.ToBase64String(entry.Content), new TlogProof((ulong)entry.Seq - 1, path, note).ToString()));
        }
        return new EvidenceBundle(FormatName, person, checkpoint.Note, bundled);
    }

    /// <summary>
    /// Checks every entry's inclusion under the bundle's checkpoint, that checkpoint's signatures, and
    /// that each entry is the one named (seq, kind) and is about the person.
    /// </summary>
    /// <exception cref="ProofException">Something does not verify; the message names the entry.</exception>
    public static (EvidenceBundle Bundle, VerifiedCheckpoint Checkpoint) Verify(string json, NoteVerifier logKey, WitnessPolicy policy)
    {
        EvidenceBundle? bundle;
        try
        {
            bundle = JsonSerializer.Deserialize(json, EvidenceJson.Default.EvidenceBundle);
        }
        catch (JsonException ex)
        {
            throw new ProofException($"the bundle is not valid JSON of the expected shape: {ex.Message}");
        }
        if (bundle is null || bundle.Format != FormatName)
        {
            throw new ProofException($"the bundle is not a {FormatName} bundle");
        }
        var verified = OfflineVerifier.Checkpoint(bundle.Checkpoint, logKey, policy);
        var person = Encoding.UTF8.GetBytes(bundle.Person.ToString());
        foreach (var entry in bundle.Entries)
        {
            try
            {
                var content = Convert.FromBase64String(entry.Content);
                var proof = TlogProof.Parse(entry.Proof);
                if (proof.Checkpoint.ToString() != bundle.Checkpoint || proof.Index != (ulong)entry.Seq - 1)
                {
                    throw new ProofException($"entry {entry.Seq}: its proof is for another checkpoint or another index");
                }
                OfflineVerifier.Inclusion(proof, content, logKey, policy);
                var stored = StoredContent.Read(content);
                if (stored.Seq != entry.Seq || stored.Kind != entry.Kind || (stored.Subject != "person:" + bundle.Person && content.AsSpan().IndexOf(person) < 0))
                {
                    throw new ProofException($"entry {entry.Seq}: its content is not the {entry.Kind} entry about this person it is listed as");
                }
            }
            catch (FormatException ex)
            {
                throw new ProofException($"entry {entry.Seq}: {ex.Message}");
            }
            catch (ProofException ex) when (!ex.Message.StartsWith("entry ", StringComparison.Ordinal))
            {
                throw new ProofException($"entry {entry.Seq}: {ex.Message}");
            }
        }
        return (bundle, verified);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(EvidenceBundle))]
internal sealed partial class EvidenceJson : JsonSerializerContext;
