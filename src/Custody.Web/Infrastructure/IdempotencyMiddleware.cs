using System.Security.Cryptography;
using Custody.Common;
using Custody.Idempotency;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Web.Infrastructure;

/// <summary>
/// <c>Idempotency-Key</c> on POSTs, with the IETF httpapi draft's semantics: the first request
/// with a key runs and its response is kept; a retry with the same key and payload gets that
/// response again (marked <c>Idempotency-Replayed: true</c>); the same key with a different
/// payload is 422; a retry while the first is still running is 409. Keys belong to the user who
/// sent them. A request that fails with a server error releases its key so it can be retried.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";

    public async Task InvokeAsync(HttpContext http, CustodyDbContext db, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(db);
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Headers.TryGetValue(Header, out var values))
        {
            await next(http);
            return;
        }
        var key = values.ToString().Trim();
        if (key.Length is 0 or > 255)
        {
            await Results.Problem($"{Header} must be 1 to 255 characters.", statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(http);
            return;
        }
        var owner = http.User.Identity?.Name ?? "anonymous";
        http.Request.EnableBuffering();
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        http.Request.Body.Position = 0;
        var fingerprint = Fingerprint(http.Request, body.ToArray());

        var existing = await db.IdempotentRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Owner == owner && r.Key == key, http.RequestAborted);
        if (existing is null)
        {
            var claim = new IdempotentRequest { Owner = owner, Key = key, Fingerprint = fingerprint, CreatedAt = Instants.Now(time) };
            db.IdempotentRequests.Add(claim);
            try
            {
                await db.SaveChangesAsync(http.RequestAborted);
            }
            catch (DbUpdateException)
            {
                // Another request with this key claimed it first: answer as a retry of that one.
                db.ChangeTracker.Clear();
                existing = await db.IdempotentRequests.AsNoTracking().SingleAsync(r => r.Owner == owner && r.Key == key, http.RequestAborted);
            }
            db.ChangeTracker.Clear();
        }
        if (existing is not null)
        {
            await AnswerRetryAsync(http, existing, fingerprint);
            return;
        }
        await RunAndKeepAsync(http, db, owner, key);
    }

    private async Task RunAndKeepAsync(HttpContext http, CustodyDbContext db, string owner, string key)
    {
        var original = http.Response.Body;
        using var captured = new MemoryStream();
        http.Response.Body = captured;
        try
        {
            await next(http);
        }
        catch
        {
            await db.IdempotentRequests.Where(r => r.Owner == owner && r.Key == key).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }
        finally
        {
            http.Response.Body = original;
        }
        var bytes = captured.ToArray();
        if (http.Response.StatusCode >= 500)
        {
            await db.IdempotentRequests.Where(r => r.Owner == owner && r.Key == key).ExecuteDeleteAsync(CancellationToken.None);
        }
        else
        {
            var status = http.Response.StatusCode;
            var contentType = http.Response.ContentType;
            var location = http.Response.Headers.Location.ToString();
            await db.IdempotentRequests.Where(r => r.Owner == owner && r.Key == key).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.ResponseStatus, status)
                .SetProperty(r => r.ResponseContentType, contentType)
                .SetProperty(r => r.ResponseBody, bytes)
                .SetProperty(r => r.ResponseLocation, location.Length > 0 ? location : null), CancellationToken.None);
        }
        await original.WriteAsync(bytes, http.RequestAborted);
    }

    private static async Task AnswerRetryAsync(HttpContext http, IdempotentRequest existing, string fingerprint)
    {
        if (existing.Fingerprint != fingerprint)
        {
            await Results.Problem($"This {Header} was used for a different request; use a new key for a new request.",
                statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency key reused").ExecuteAsync(http);
            return;
        }
        if (existing.ResponseStatus is not { } status)
        {
            await Results.Problem($"A request with this {Header} is still being processed; retry later.",
                statusCode: StatusCodes.Status409Conflict, title: "Request in progress").ExecuteAsync(http);
            return;
        }
        http.Response.StatusCode = status;
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

    private static string Fingerprint(HttpRequest request, byte[] body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        sha.AppendData(body);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
