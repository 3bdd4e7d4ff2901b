using System.Security.Cryptography;
using Custody.Common;
using Custody.Idempotency;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Web.Infrastructure;

/// <summary>
/// <c>Idempotency-Key</c> on API POSTs (never the token endpoints, never pages), with the IETF
/// httpapi draft's semantics: the first request with a key runs and its response is kept; a retry
/// with the same key and payload gets that response again (<c>Idempotency-Replayed: true</c>); the
/// same key with another payload is 422. Keys belong to the user who sent them and expire after
/// <c>Custody:IdempotencyHours</c> (24). The key, the command's writes and the response are
/// committed in one transaction (the command's unit of work joins it), so a crash leaves either all
/// of them or none: never a key stuck "in progress", never a committed write whose key answers
/// nothing. A second request with the key waits for the first to commit, then gets its answer. The
/// fingerprint is an HMAC (server key) of the method, path and body, computed as the body streams.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IdempotencyKeyring keyring, IConfiguration configuration)
{
    public const string Header = "Idempotency-Key";

    private readonly TimeSpan _lifetime = TimeSpan.FromHours(configuration.GetValue("Custody:IdempotencyHours", 24.0));

    public static bool Applies(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return HttpMethods.IsPost(request.Method) && request.Headers.ContainsKey(Header)
            && request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/api/auth");
    }

    public async Task InvokeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!Applies(http.Request))
        {
            await next(http);
            return;
        }
        // Resolved only for a keyed write: a read never rents a context here.
        var db = http.RequestServices.GetRequiredService<CustodyDbContext>();
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        var key = http.Request.Headers[Header].ToString().Trim();
        if (key.Length is 0 or > 255)
        {
            await Results.Problem($"{Header} must be 1 to 255 characters.", statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(http);
            return;
        }
        var owner = http.User.Identity?.Name ?? "anonymous";
        var now = Instants.Now(time);
        var hash = keyring.NewFingerprint(http.Request);
        // One writer at a time (SQLite's IMMEDIATE transaction; on PostgreSQL the key's unique index
        // makes a second claim wait for the first to commit or roll back).
        await using var transaction = await db.Database.BeginTransactionAsync(http.RequestAborted);
        await db.IdempotentRequests.Where(r => r.CreatedAt < now - _lifetime).ExecuteDeleteAsync(http.RequestAborted);
        var existing = await db.IdempotentRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Owner == owner && r.Key == key, http.RequestAborted);
        if (existing is null)
        {
            db.IdempotentRequests.Add(new IdempotentRequest { Owner = owner, Key = key, Fingerprint = "", CreatedAt = now });
            try
            {
                await db.SaveChangesAsync(http.RequestAborted);
            }
            catch (DbUpdateException)
            {
                // Another request with this key committed first: answer as a retry of it.
                await transaction.RollbackAsync(http.RequestAborted);
                db.ChangeTracker.Clear();
                existing = await db.IdempotentRequests.AsNoTracking().SingleAsync(r => r.Owner == owner && r.Key == key, http.RequestAborted);
            }
            db.ChangeTracker.Clear();
        }
        if (existing is not null)
        {
            await AnswerRetryAsync(http, existing, await hash.OfWholeBodyAsync(http.RequestAborted));
            return;
        }
        await RunAndKeepAsync(http, db, transaction, owner, key, hash);
    }

    private async Task RunAndKeepAsync(HttpContext http, CustodyDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction,
        string owner, string key, IdempotencyKeyring.RequestFingerprint hash)
    {
        var original = http.Response.Body;
        using var captured = new MemoryStream();
        http.Response.Body = captured;
        try
        {
            // The command's unit of work joins this transaction (a savepoint), so it commits with the key.
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }
        var bytes = captured.ToArray();
        if (http.Response.StatusCode < 500)
        {
            var fingerprint = await hash.OfWholeBodyAsync(http.RequestAborted);
            var status = http.Response.StatusCode;
            var contentType = http.Response.ContentType;
            var location = http.Response.Headers.Location.ToString();
            await db.IdempotentRequests.Where(r => r.Owner == owner && r.Key == key).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Fingerprint, fingerprint)
                .SetProperty(r => r.ResponseStatus, status)
                .SetProperty(r => r.ResponseContentType, contentType)
                .SetProperty(r => r.ResponseBody, bytes)
                .SetProperty(r => r.ResponseLocation, location.Length > 0 ? location : null), http.RequestAborted);
            await transaction.CommitAsync(http.RequestAborted);
        }
        // A server fault rolls everything back (on dispose), the key included: the request may be retried.
        await original.WriteAsync(bytes, http.RequestAborted);
    }

    private static async Task AnswerRetryAsync(HttpContext http, IdempotentRequest existing, string fingerprint)
    {
        if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(existing.Fingerprint), System.Text.Encoding.ASCII.GetBytes(fingerprint)))
        {
            await Results.Problem($"This {Header} was used for a different request; use a new key for a new request.",
                statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency key reused").ExecuteAsync(http);
            return;
        }
        http.Response.StatusCode = existing.ResponseStatus ?? StatusCodes.Status200OK;
        http.Response.Headers["Idempotency-Replayed"] = "true";
        if (existing.ResponseContentType is { } type)
        {
            http.Response.ContentType = type;
        }
        if (existing.ResponseLocation is { } location)
        {
            http.Response.Headers.Location = location;
        }
        await http.Response.Body.WriteAsync(existing.ResponseBody ?? [], http.RequestAborted);
    }
}
