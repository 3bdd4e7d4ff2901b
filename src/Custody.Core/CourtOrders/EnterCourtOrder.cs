using System.Text.RegularExpressions;
using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;

namespace Custody.CourtOrders;

/// <summary>A court order as reported: instants in RFC 3339, destinations ISO 3166 (none = removal anywhere).</summary>
public sealed record EnterCourtOrderRequest(string? Kind, string? Court, string? Docket, string? IssuedAt, string? ExpiresAt,
    IReadOnlyList<string>? Destinations, string? DocumentReference, bool Verified = false);

/// <summary>
/// Enters a court order naming the person, in one transaction with its ledger entry. It blocks
/// screening from the commit on, verified or not (fail closed: an order reported by counsel blocks
/// until checked with the court). Counsel act only for their own clients.
/// </summary>
public sealed partial class EnterCourtOrder(CustodyDbContext db, TimeProvider time) : IUseCase
{
    /// <summary>Enters an order naming the person; <paramref name="mayRecordVerified"/> says whether this user may enter it as already verified (courts, legal reviewers).</summary>
    public async Task<Result<CourtOrderView>> HandleAsync(PersonId person, EnterCourtOrderRequest request, Viewer viewer, bool mayRecordVerified, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        var now = time.GetUtcNow();
        var errors = Validate(request, now, mayRecordVerified, out var issuedAt, out var expiresAt);
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await UnitOfWork.RunAsync<CourtOrderView>(db, time, async work =>
        {
            if (await viewer.FindPersonAsync(db, person, cancellationToken) is null)
            {
                return new NotFound($"No person {person} in the register.");
            }
            var id = Guid.CreateVersion7(now);
            work.Record(ToEvent(person, request, id, issuedAt, expiresAt), viewer.Actor);
            return CourtOrderView.Of(work.Store.Find<EnteredCourtOrder>(id)!);
        }, cancellationToken);
    }

    private static CourtOrderEntered ToEvent(PersonId person, EnterCourtOrderRequest request, Guid id, DateTimeOffset issuedAt, DateTimeOffset? expiresAt) =>
        new(id, person.Value,
            new CourtOrderTerms(request.Kind!, request.Court!.Trim(), Instants.Utc(issuedAt), request.Verified, request.Destinations ?? [],
                string.IsNullOrWhiteSpace(request.Docket) ? null : request.Docket.Trim(),
                expiresAt is { } expires ? Instants.Utc(expires) : null),
            string.IsNullOrWhiteSpace(request.DocumentReference) ? null : request.DocumentReference.Trim());

    private static List<FieldError> Validate(EnterCourtOrderRequest r, DateTimeOffset now, bool mayRecordVerified, out DateTimeOffset issuedAt, out DateTimeOffset? expiresAt)
    {
        var errors = new List<FieldError>();
        issuedAt = default;
        expiresAt = null;
        if (string.IsNullOrWhiteSpace(r.Kind) || !EnteredCourtOrder.Kinds.Contains(r.Kind))
        {
            errors.Add(new FieldError("kind", $"One of: {string.Join(", ", EnteredCourtOrder.Kinds)}."));
        }
        if (string.IsNullOrWhiteSpace(r.Court) || r.Court.Trim().Length > 200)
        {
            errors.Add(new FieldError("court", "The issuing court, 1 to 200 characters."));
        }
        if (r.Docket is { Length: > 100 })
        {
            errors.Add(new FieldError("docket", "At most 100 characters."));
        }
        if (!Instants.TryParseRfc3339(r.IssuedAt?.Trim(), out issuedAt))
        {
            errors.Add(new FieldError("issuedAt", "When the court issued the order, RFC 3339 with its offset, such as 2025-03-15T09:52:00-07:00."));
        }
        else if (issuedAt > now)
        {
            errors.Add(new FieldError("issuedAt", "An order is entered once issued; this instant is in the future."));
        }
        if (!string.IsNullOrWhiteSpace(r.ExpiresAt))
        {
            if (!Instants.TryParseRfc3339(r.ExpiresAt.Trim(), out var expires))
            {
                errors.Add(new FieldError("expiresAt", "RFC 3339 with its offset, or leave it out for an order without an end."));
            }
            else if (expires <= issuedAt)
            {
                errors.Add(new FieldError("expiresAt", "expiresAt must be after issuedAt."));
            }
            else
            {
                expiresAt = expires;
            }
        }
        var destinations = r.Destinations ?? [];
        for (var i = 0; i < destinations.Count; i++)
        {
            if (destinations[i] is null || !Country().IsMatch(destinations[i]))
            {
                errors.Add(new FieldError($"destinations[{i}]", "An ISO 3166-1 alpha-2 code such as SV."));
            }
        }
        if (destinations.Distinct(StringComparer.Ordinal).Count() != destinations.Count)
        {
            errors.Add(new FieldError("destinations", "Each destination once."));
        }
        if (r.DocumentReference is { Length: > 500 })
        {
            errors.Add(new FieldError("documentReference", "At most 500 characters."));
        }
        if (r.Verified && !mayRecordVerified)
        {
            errors.Add(new FieldError("verified", "Only courts and legal reviewers record an order as verified; enter it unverified — it blocks all the same until verified."));
        }
        return errors;
    }

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex Country();
}
