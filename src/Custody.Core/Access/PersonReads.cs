using System.Text.Json.Serialization;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Access;

/// <summary>
/// People's records shown in answer to one request (a page or an API call), recorded by the web
/// app's read filters whatever the view: which view, whose records, the reader's roles (the entry
/// names the reader). One entry per request.
/// </summary>
public sealed record PeopleRead(string View, IReadOnlyList<Guid> People, IReadOnlyList<string>? Roles = null) : ILedgerEvent<PeopleRead>
{
    public static string EntryKind => "access.people-read";

    public string Subject() => "people";
}

/// <summary>
/// One person in one <see cref="PeopleRead"/> entry: an index of those entries by person, so that a
/// person's counsel, a court or an auditor can list who read the file (counsel see the role, not the
/// name). A projection. (A <see cref="PersonViewed"/> entry names one person as its subject, which
/// the ledger already indexes.)
/// </summary>
public sealed class PersonRead
{
    public long Seq { get; set; }

    public Guid PersonId { get; set; }

    public DateTime At { get; set; }

    public string View { get; set; } = "";

    /// <summary>The reader's roles, space-separated (empty for reads recorded before roles were).</summary>
    public string Roles { get; set; } = "";

    public string Actor { get; set; } = "";
}

/// <summary>A read of a person's record as its reader's counterpart sees it: when, through which view, by which roles.</summary>
public sealed record PersonReadView(DateTime At, string View, IReadOnlyList<string> Roles, string? Reader);

public static class PersonReads
{
    public static void Register(EventRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .Projects<PersonRead>()
            .On<PeopleRead>((e, entry, store) => Add(store, entry, e.View, e.Roles, e.People));
    }

    private static void Add(IProjectionStore store, LedgerEntry entry, string view, IReadOnlyList<string>? roles, IEnumerable<Guid> people)
    {
        foreach (var person in people.Distinct())
        {
            store.Add(new PersonRead
            {
                Seq = entry.Seq, PersonId = person, At = entry.RecordedAt, View = view, Roles = string.Join(' ', roles ?? []), Actor = entry.Actor,
            });
        }
    }

    /// <summary>
    /// Who read a person's record, newest first. Counsel (who see their clients only) learn the
    /// reader's roles, never the reader; other readers of people see the reader too.
    /// </summary>
    public static async Task<Result<IReadOnlyList<PersonReadView>>> OfAsync(CustodyDbContext db, Guid personId, Viewer viewer, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(viewer);
        if (await viewer.FindPersonAsync(db, personId, cancellationToken) is null)
        {
            return new NotFound($"No person {personId} in the register.");
        }
        var take = Math.Clamp(limit, 1, 1000);
        var filtered = await db.PersonReads.AsNoTracking().Where(r => r.PersonId == personId).OrderByDescending(r => r.Seq).Take(take)
            .Select(r => new { r.Seq, r.At, r.View, r.Roles, r.Actor }).ToListAsync(cancellationToken);
        var subject = "person:" + personId;
        var viewed = await db.LedgerEntries.AsNoTracking().Where(e => e.Subject == subject && e.Kind == PersonViewed.EntryKind).OrderByDescending(e => e.Seq).Take(take)
            .ToListAsync(cancellationToken);
        var fromEntries = viewed.Select(e => (PersonViewed)EventRegistry.Default.Read(e.Kind, LedgerContent.Parse(e.Content).Payload))
            .Zip(viewed, (read, e) => new { e.Seq, At = e.RecordedAt, read.View, Roles = string.Join(' ', read.Roles ?? []), e.Actor });
        var hideReader = viewer.CounselEmail is not null;
        return filtered.Concat(fromEntries).OrderByDescending(r => r.Seq).Take(take)
            .Select(r => new PersonReadView(r.At, r.View, r.Roles.Split(' ', StringSplitOptions.RemoveEmptyEntries), hideReader ? null : r.Actor)).ToList();
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true, Converters = [typeof(InstantJsonConverter), typeof(DecimalTextJsonConverter)])]
[JsonSerializable(typeof(PeopleRead))]
internal sealed partial class PersonReadsJson : JsonSerializerContext;
