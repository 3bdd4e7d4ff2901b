using System.Net;
using System.Net.Http.Json;
using System.Text;
using Custody.Ledger;
using Custody.Persistence;
using Custody.Transparency;
using Custody.Web.Api;
using Microsoft.EntityFrameworkCore;

namespace Custody.Web.Tests;

/// <summary>
/// The log as the public, auditors and courts reach it: signed checkpoints, hash tiles, proofs
/// that verify against the checkpoint, and a node that refuses to start on a ledger that no longer
/// extends its latest final checkpoint.
/// </summary>
public sealed class TransparencyApiTests : IClassFixture<CustodyWebFactory>
{
    private readonly CustodyWebFactory _factory;

    public TransparencyApiTests(CustodyWebFactory factory) => _factory = factory;

    private async Task<(SignedNote Note, Checkpoint Checkpoint, NoteVerifier Key)> SignAsync()
    {
        var auditor = await _factory.BearerAsync(Roles.Auditor);
        var published = await (await auditor.PostAsync("/api/ledger/checkpoints", null)).Content.ReadFromJsonAsync<PublishedCheckpoint>();
        var anonymous = _factory.Anonymous();
        var key = NoteVerifier.Parse((await anonymous.GetStringAsync("/log-key")).Split('\n')[0]);
        var note = SignedNote.Parse(await anonymous.GetStringAsync("/checkpoint"));
        Assert.NotNull(published!.Checkpoint.FinalAt);
        return (note, Checkpoint.Parse(note.Text), key);
    }

    [Fact]
    public async Task Checkpoint_SignedOnDemand_IsServedPublicly_AndVerifiesWithThePublishedKey()
    {
        var (note, checkpoint, key) = await SignAsync();
        var bySize = await _factory.Anonymous().GetStringAsync($"/checkpoints/{checkpoint.Size}");

        Assert.True(note.IsSignedBy(key));
        Assert.Equal("custody.localhost/ledger", checkpoint.Origin);
        Assert.Equal(note.ToString(), bySize);
        await using var db = NewContext();
        Assert.Equal(await new LedgerProofs(db).RootAsync(checkpoint.Size), checkpoint.RootHash);
        Assert.Equal(HttpStatusCode.NotFound, (await _factory.Anonymous().GetAsync($"/checkpoints/{checkpoint.Size + 1000}")).StatusCode);
    }

    [Fact]
    public async Task Proofs_FromTheStoredSubtrees_VerifyAgainstTheSignedRoot()
    {
        var (_, checkpoint, _) = await SignAsync();
        var court = await _factory.BearerAsync(Roles.CourtUser);
        foreach (var seq in new ulong[] { 1, 2, 7, checkpoint.Size / 2, checkpoint.Size })
        {
            var proof = await court.GetFromJsonAsync<InclusionProofView>($"/api/ledger/proof/inclusion?seq={seq}&size={checkpoint.Size}");
            var path = proof!.Proof.Select(Convert.FromBase64String).ToList();
            Assert.True(MerkleProof.VerifyInclusion(seq - 1, checkpoint.Size, Convert.FromBase64String(proof.LeafHash), path, checkpoint.RootHash), $"inclusion of {seq}");
            Assert.False(MerkleProof.VerifyInclusion(seq % checkpoint.Size, checkpoint.Size, Convert.FromBase64String(proof.LeafHash), path, checkpoint.RootHash), $"inclusion of {seq} at the wrong index");
        }
        foreach (var from in new ulong[] { 1, 3, checkpoint.Size - 1 })
        {
            var proof = await court.GetFromJsonAsync<ConsistencyProofView>($"/api/ledger/proof/consistency?from={from}&to={checkpoint.Size}");
            Assert.True(MerkleProof.VerifyConsistency(from, checkpoint.Size, Convert.FromBase64String(proof!.FromRoot), checkpoint.RootHash,
                proof.Proof.Select(Convert.FromBase64String).ToList()), $"consistency from {from}");
        }
    }

    [Fact]
    public async Task Proofs_OutOfRange_NameTheField_AndNeedTheLedgerPolicy()
    {
        var auditor = await _factory.BearerAsync(Roles.Auditor);
        var zero = await auditor.GetAsync("/api/ledger/proof/inclusion?seq=0&size=5");
        var beyond = await auditor.GetAsync("/api/ledger/proof/inclusion?seq=1&size=99999999");
        var backwards = await auditor.GetAsync("/api/ledger/proof/consistency?from=5&to=4");

        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        Assert.Contains("\"seq\"", await zero.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, beyond.StatusCode);
        Assert.Contains("\"size\"", await beyond.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Contains("\"from\"", await backwards.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.Anonymous().GetAsync("/api/ledger/proof/inclusion?seq=1&size=1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _factory.BearerAsync(Roles.Counsel)).PostAsync("/api/ledger/checkpoints", null)).StatusCode);
    }

    [Fact]
    public async Task Tiles_HoldTheLeafHashes_AndRebuildTheSignedRoot()
    {
        var (_, checkpoint, _) = await SignAsync();
        var anonymous = _factory.Anonymous();
        var full = checkpoint.Size / 256;
        var rest = (int)(checkpoint.Size % 256);
        var hashes = new List<byte[]>();
        for (ulong n = 0; n < full; n++)
        {
            var tile = await anonymous.GetAsync($"/tile/0/{TransparencyApi.TilePath(n)}");
            Assert.Equal("application/octet-stream", tile.Content.Headers.ContentType?.MediaType);
            hashes.AddRange((await tile.Content.ReadAsByteArrayAsync()).Chunk(32));
        }
        if (rest > 0)
        {
            hashes.AddRange((await anonymous.GetByteArrayAsync($"/tile/0/{TransparencyApi.TilePath(full)}.p/{rest}")).Chunk(32));
        }

        Assert.Equal(checkpoint.RootHash, MerkleTree.RootOf(hashes));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/tile/0/{TransparencyApi.TilePath(full + 1)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/tile/0/x000/001")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/tile/0/000.p/0")).StatusCode);
    }

    [Fact]
    public async Task EvidenceBundle_ForAHandedOverDemoPerson_VerifiesOffline_AndAnyChangedByteFails()
    {
        var person = await _factory.PersonIdAsync("DEMO-ARR-1");
        var court = await _factory.SignedInAsync(Roles.CourtUser);
        var page = await court.GetStringAsync($"/People/Details/{person}");
        var response = await court.GetAsync($"/api/people/{person}/evidence-bundle");
        var json = await response.Content.ReadAsStringAsync();
        var key = NoteVerifier.Parse((await _factory.Anonymous().GetStringAsync("/log-key")).Split('\n')[0]);

        Assert.Contains($"href=\"/api/people/{person}/evidence-bundle\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var (bundle, _) = EvidenceBundle.Verify(json, key, WitnessPolicy.None);
        Assert.Contains(bundle.Entries, e => e.Kind == "person.registered");
        Assert.Contains(bundle.Entries, e => e.Kind.StartsWith("manifest.", StringComparison.Ordinal));
        Assert.Contains(bundle.Entries, e => e.Kind == "access.person-viewed");
        // One changed byte anywhere in what the bundle proves (an entry's bytes, a proof hash, the checkpoint) fails it.
        var random = new Random(13);
        var changed = 0;
        foreach (var at in Enumerable.Range(0, 40).Select(_ => random.Next(json.Length)))
        {
            if (!char.IsAsciiLetterOrDigit(json[at]))
            {
                continue;
            }
            var tampered = json[..at] + (json[at] == 'A' ? 'B' : 'A') + json[(at + 1)..];
            Assert.ThrowsAny<Exception>(() => EvidenceBundle.Verify(tampered, key, WitnessPolicy.None));
            changed++;
        }
        Assert.True(changed > 10);
    }

    [Fact]
    public async Task EvidenceBundle_IsForCourtsOnly_AndItsDownloadIsLedgered()
    {
        var person = await _factory.PersonIdAsync("DEMO-ARR-2");
        var counsel = await _factory.BearerAsync(Roles.Counsel);
        var auditor = await _factory.BearerAsync(Roles.Auditor);
        var court = await _factory.BearerAsync(Roles.CourtUser);

        Assert.Equal(HttpStatusCode.Forbidden, (await counsel.GetAsync($"/api/people/{person}/evidence-bundle")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync($"/api/people/{person}/evidence-bundle")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await court.GetAsync($"/api/people/{Guid.NewGuid()}/evidence-bundle")).StatusCode);
        (await court.GetAsync($"/api/people/{person}/evidence-bundle")).EnsureSuccessStatusCode();
        await using var db = NewContext();
        Assert.True(await db.LedgerEntries.AnyAsync(e => e.Kind == "access.person-viewed" && e.Subject == "person:" + person && e.Actor == DemoSeederEmail(Roles.CourtUser)));
    }

    private static string DemoSeederEmail(string role) => "user:" + Custody.Web.Infrastructure.DemoSeeder.EmailFor(role);

    [Theory]
    [InlineData(0UL, "000")]
    [InlineData(999UL, "999")]
    [InlineData(1000UL, "x001/000")]
    [InlineData(1234067UL, "x001/x234/067")]
    public void TilePath_IsTheC2spEncoding_AndReadsBack(ulong index, string path)
    {
        Assert.Equal(path, TransparencyApi.TilePath(index));
        Assert.True(TransparencyApi.TryParseTile(path + ".p/8", out var read, out var width));
        Assert.Equal((index, 8), (read, width));
    }

    private CustodyDbContext NewContext() => CustodyDatabase.Parse(Path.Combine(_factory.DataDirectory, "custody.db")).CreateContext();
}

/// <summary>A node restarted on a database that someone cut short or rewrote refuses to start, even when the checkpoint rows were wiped too.</summary>
public sealed class CheckpointStartupTests
{
    [Theory]
    [InlineData("cut")]
    [InlineData("rewritten")]
    public async Task Restart_OnALedgerThatNoLongerExtendsTheFinalCheckpoint_Refuses(string tampering)
    {
        string directory;
        using (var first = new CustodyWebFactory { DeleteDataOnDispose = false })
        {
            directory = first.DataDirectory;
            var auditor = await first.BearerAsync(Roles.Auditor);
            (await auditor.PostAsync("/api/ledger/checkpoints", null)).EnsureSuccessStatusCode();
        }
        await using (var db = CustodyDatabase.Parse(Path.Combine(directory, "custody.db")).CreateContext())
        {
            // Whoever does this also wipes the signed checkpoints from the database: the copy beside it remains.
            await db.LedgerCheckpoints.ExecuteDeleteAsync();
            var last = await db.LedgerEntries.OrderByDescending(e => e.Seq).FirstAsync();
            if (tampering == "cut")
            {
                await db.LedgerEntries.Where(e => e.Seq == last.Seq).ExecuteDeleteAsync();
            }
            else
            {
                var content = Encoding.UTF8.GetString(last.Content).Replace("\"seq\"", "\"seq\" ", StringComparison.Ordinal);
                last.Content = Encoding.UTF8.GetBytes(content);
                last.LeafHash = MerkleTree.LeafHash(last.Content);
                await db.SaveChangesAsync();
                var frontier = await LedgerWriter.LoadFrontierAsync(db, last.Seq - 1, CancellationToken.None);
                foreach (var subtree in frontier.Append(last.LeafHash))
                {
                    await db.LedgerNodes.Where(n => n.Level == subtree.Level && n.Index == subtree.Index).ExecuteUpdateAsync(u => u.SetProperty(n => n.Hash, subtree.Hash));
                }
            }
        }

        using var second = new CustodyWebFactory { DataDirectory = directory };
        var thrown = Assert.ThrowsAny<Exception>(() => second.CreateClient());
        var refused = Assert.IsType<LedgerIntegrityException>(thrown is LedgerIntegrityException ? thrown : thrown.GetBaseException());

        Assert.Contains(tampering == "cut" ? "entries were removed from its end" : "history was rewritten", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_OnAnUntouchedLedger_Starts()
    {
        string directory;
        using (var first = new CustodyWebFactory { DeleteDataOnDispose = false })
        {
            directory = first.DataDirectory;
            (await (await first.BearerAsync(Roles.Auditor)).PostAsync("/api/ledger/checkpoints", null)).EnsureSuccessStatusCode();
        }
        using var second = new CustodyWebFactory { DataDirectory = directory };

        var health = await second.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
