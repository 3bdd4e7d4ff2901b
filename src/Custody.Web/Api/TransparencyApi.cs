using System.Globalization;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Custody.Transparency;
using Custody.Web.Auth;
using Custody.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Custody.Web.Api;

/// <summary>A checkpoint as auditors list it.</summary>
public sealed record CheckpointView(long Size, string RootHash, DateTime SignedAt, DateTime? FinalAt, IReadOnlyList<string> CosignedBy, string Note);

/// <summary>An RFC 9162 inclusion proof of entry <c>Seq</c> (leaf index Seq − 1) in the tree of <c>Size</c> entries; hashes in base64.</summary>
public sealed record InclusionProofView(long Seq, long Size, string LeafHash, string RootHash, IReadOnlyList<string> Proof);

/// <summary>An RFC 9162 consistency proof between the trees of <c>From</c> and <c>To</c> entries; hashes in base64.</summary>
public sealed record ConsistencyProofView(long From, long To, string FromRoot, string ToRoot, IReadOnlyList<string> Proof);

/// <summary>A checkpoint signed on demand and what each witness answered.</summary>
public sealed record PublishedCheckpoint(CheckpointView Checkpoint, IReadOnlyList<WitnessOutcome> Witnesses);

/// <summary>
/// The log as the public and the witnesses see it — hashes only, never an entry: the latest final
/// checkpoint, every past one by size, the log's public key and the C2SP tlog-tiles hash tiles; and
/// for auditors and courts, proofs and on-demand signing.
/// </summary>
public static class TransparencyApi
{
    private const int TileWidth = 256;

    /// <summary>The public, anonymous paths (no personal data: hashes of salted entries).</summary>
    public static void MapTransparencyLog(this IEndpointRouteBuilder app)
    {
        var log = app.MapGroup("").WithTags("Transparency log").AllowAnonymous();
        log.MapGet("/checkpoint", async (CheckpointLog checkpoints, HttpContext http, CancellationToken ct) =>
            {
                http.Response.Headers.CacheControl = "no-cache";
                return await checkpoints.LatestAsync(finalOnly: true, ct) is { } latest
                    ? Results.Text(latest.Note, ContentTypes.PlainText)
                    : Results.NotFound();
            })
            .WithSummary("The latest final checkpoint (C2SP tlog-checkpoint, signed by the log and cosigned by its witnesses).");
        log.MapGet("/checkpoints/{size:long}", async (long size, CheckpointLog checkpoints, CancellationToken ct) =>
                await checkpoints.AtSizeAsync(size, ct) is { } checkpoint ? Results.Text(checkpoint.Note, ContentTypes.PlainText) : Results.NotFound())
            .WithSummary("The checkpoint signed at this size, with the cosignatures gathered.");
        log.MapGet("/log-key", (LogIdentity identity, WitnessPolicy policy) =>
                Results.Text(string.Concat([identity.PublicKey + "\n", .. policy.Witnesses.Select(w => $"witness {w}\n"), $"quorum {policy.Quorum}\n"]), ContentTypes.PlainText))
            .WithSummary("The log's public key (signed-note verifier key), then each witness's key and the quorum that makes a checkpoint final.");
        log.MapGet("/tile/{level:int}/{**index}", async (int level, string index, LedgerProofs proofs, HttpContext http, CancellationToken ct) =>
            {
                if (level is < 0 or > 7 || !TryParseTile(index, out var n, out var width))
                {
                    return Results.NotFound();
                }
                // Hashes at Merkle level 8·L: each is the root of 256^L leaves; the tile exists once all its hashes do.
                var first = n * TileWidth;
                var leavesPerHash = 1UL << (8 * level);
                if (first + (ulong)width > (await proofs.SizeAsync(ct)) / leavesPerHash)
                {
                    return Results.NotFound();
                }
                var hashes = await proofs.LevelAsync(8 * level, first, width, ct);
                http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                return Results.Bytes(hashes.SelectMany(h => h).ToArray(), "application/octet-stream");
            })
            .WithSummary("A C2SP tlog-tiles hash tile: tile/L/N or tile/L/N.p/W, 32-byte hashes concatenated.");
    }

    /// <summary>Under /api/ledger, for auditors and courts.</summary>
    public static void MapProofs(this RouteGroupBuilder ledger)
    {
        ledger.MapGet("/proof/inclusion", async Task<Results<Ok<InclusionProofView>, ValidationProblem>> (long seq, long size, LedgerProofs proofs, CancellationToken ct) =>
            {
                var ledgerSize = (long)await proofs.SizeAsync(ct);
                if (seq < 1 || seq > size || size > ledgerSize)
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [seq < 1 || seq > size ? "seq" : "size"] = [$"Give 1 ≤ seq ≤ size ≤ {ledgerSize} (the ledger's size)."] });
                }
                var path = await proofs.InclusionAsync((ulong)seq, (ulong)size, ct);
                var leaf = (await proofs.LevelAsync(0, (ulong)seq - 1, 1, ct))[0];
                var root = await proofs.RootAsync((ulong)size, ct);
                return TypedResults.Ok(new InclusionProofView(seq, size, Convert.ToBase64String(leaf), Convert.ToBase64String(root), [.. path.Select(Convert.ToBase64String)]));
            })
            .WithSummary("RFC 9162 inclusion proof of entry seq in the tree of the given size, from the stored subtrees.");
        ledger.MapGet("/proof/consistency", async Task<Results<Ok<ConsistencyProofView>, ValidationProblem>> (long from, long to, LedgerProofs proofs, CancellationToken ct) =>
            {
                var ledgerSize = (long)await proofs.SizeAsync(ct);
                if (from < 1 || from > to || to > ledgerSize)
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [from < 1 || from > to ? "from" : "to"] = [$"Give 1 ≤ from ≤ to ≤ {ledgerSize} (the ledger's size)."] });
                }
                var proof = await proofs.ConsistencyAsync((ulong)from, (ulong)to, ct);
                return TypedResults.Ok(new ConsistencyProofView(from, to, Convert.ToBase64String(await proofs.RootAsync((ulong)from, ct)),
                    Convert.ToBase64String(await proofs.RootAsync((ulong)to, ct)), [.. proof.Select(Convert.ToBase64String)]));
            })
            .WithSummary("RFC 9162 consistency proof that the tree of size from is a prefix of the tree of size to.");
        ledger.MapGet("/checkpoints", async (CheckpointLog checkpoints, WitnessPolicy policy, int? limit, CancellationToken ct) =>
                TypedResults.Ok((await checkpoints.RecentAsync(Math.Clamp(limit ?? 50, 1, 500), ct)).Select(c => View(c, policy)).ToList()))
            .WithSummary("The latest checkpoints, largest first: when signed, when final, which witnesses cosigned.");
        ledger.MapPost("/checkpoints", async (CheckpointPublisher publisher, WitnessPolicy policy, LogOptions options, TimeProvider time, CancellationToken ct) =>
            {
                var (checkpoint, witnesses) = await publisher.PublishAsync(true, options.CheckpointEveryEntries, TimeSpan.FromSeconds(options.CheckpointEverySeconds), Instants.Now(time), ct);
                return TypedResults.Ok(new PublishedCheckpoint(View(checkpoint, policy), witnesses));
            })
            .WithSummary("Sign the current tree head now and submit it to the witnesses.");
    }

    /// <summary>A person's evidence bundle for a court, at /api/people/{id}/evidence-bundle.</summary>
    public static void MapEvidence(this IEndpointRouteBuilder api)
    {
        api.MapGet("/people/{id:guid}/evidence-bundle", async Task<Results<FileContentHttpResult, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> (
                Guid id, HttpContext http, CustodyDbContext db, CheckpointPublisher publisher, CheckpointLog checkpoints, LogOptions options, TimeProvider time, CancellationToken ct) =>
            {
                var viewer = ApiResults.ViewerOf(http.User);
                if (await viewer.FindPersonAsync(db, id, ct) is null)
                {
                    return TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Not found", Detail = $"No person {id} in the register." });
                }
                await Custody.Access.AccessLog.RecordAsync(db, time, new PersonViewed(id, "evidence-bundle", viewer.Roles?.ToList()), viewer.Actor, ct);
                // Sign now so the bundle covers everything up to this download; when the witnesses have not
                // cosigned it yet, the latest final checkpoint still proves every entry it covers.
                await publisher.PublishAsync(true, options.CheckpointEveryEntries, TimeSpan.FromSeconds(options.CheckpointEverySeconds), Instants.Now(time), ct);
                if (await checkpoints.LatestAsync(finalOnly: true, ct) is not { } final)
                {
                    return TypedResults.Conflict(new ProblemDetails { Status = 409, Title = "No final checkpoint", Detail = "The witnesses have not yet cosigned any checkpoint of this log; try again once they have." });
                }
                var bundle = await EvidenceBundle.BuildAsync(db, id, final, ct);
                return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(bundle.ToJson()), "application/json", $"evidence-{id}-{final.Size}.json");
            })
            .WithTags("Transparency log")
            .RequireAuthorization(Policies.DownloadEvidence)
            .WithSummary("The person's ledger entries (exact bytes, salts included), each with its C2SP tlog-proof against the latest final, cosigned checkpoint; check it offline with custody verify bundle. The download is ledgered.")
            .ProducesFile("application/json");
    }

    private static CheckpointView View(LedgerCheckpoint c, WitnessPolicy policy) =>
        new(c.Size, Convert.ToBase64String(c.RootHash), c.SignedAt, c.FinalAt, [.. policy.CosignedBy(SignedNote.Parse(c.Note)).Select(w => w.Name)], c.Note);

    /// <summary>Reads N[.p/W] of a tile path: 3-digit elements, all but the last prefixed with x (1234067 is x001/x234/067).</summary>
    public static bool TryParseTile(string path, out ulong index, out int width)
    {
        index = 0;
        width = TileWidth;
        var partial = path.IndexOf(".p/", StringComparison.Ordinal);
        if (partial >= 0)
        {
            var w = path[(partial + 3)..];
            if (w.Length is 0 or > 3 || w[0] == '0' || !int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out width) || width is < 1 or > 255)
            {
                return false;
            }
            path = path[..partial];
        }
        var elements = path.Split('/');
        for (var i = 0; i < elements.Length; i++)
        {
            var element = i < elements.Length - 1 ? (elements[i].StartsWith('x') ? elements[i][1..] : "") : elements[i];
            if (element.Length != 3 || !element.All(char.IsAsciiDigit) || index > ulong.MaxValue / 1000)
            {
                return false;
            }
            index = index * 1000 + ulong.Parse(element, CultureInfo.InvariantCulture);
            if (i == 0 && elements.Length > 1 && index == 0)
            {
                return false; // x000/… is not how any index is written
            }
        }
        return true;
    }

    /// <summary>The path element of tile index N: 1234067 → x001/x234/067.</summary>
    public static string TilePath(ulong index)
    {
        var path = (index % 1000).ToString("000", CultureInfo.InvariantCulture);
        while (index >= 1000)
        {
            index /= 1000;
            path = "x" + (index % 1000).ToString("000", CultureInfo.InvariantCulture) + "/" + path;
        }
        return path;
    }
}
