using System.Text.Json.Nodes;
using System.Text.Json;
using Custody.Access;
using Custody.Common;
using Custody.Imports;
using Custody.Persistence;

namespace Custody.Facts;

public sealed record DesignationEvidenceRequest(string? Group, string? Kind, string? Source, string? Date);

/// <summary>
/// Adds evidence to a gang designation. The first change in Custody copies the bundle's designation
/// for the group, which it then supersedes; tattoos, clothing and the like only corroborate, so
/// evidence alone never validates a designation that screening would act on.
/// </summary>
public sealed class AddDesignationEvidence(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public Task<Result<FactOutcome>> HandleAsync(PersonId person, DesignationEvidenceRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var evidence = new JsonObject { ["kind"] = request.Kind };
        FactEntries.Optional(evidence, "source", request.Source);
        FactEntries.Optional(evidence, "date", request.Date);
        var itemErrors = FormatSchemas.Validate(FormatSchemas.Fact("designations"),
            JsonSerializer.SerializeToElement(new JsonObject { ["group"] = request.Group ?? "", ["evidence"] = new JsonArray(evidence.DeepClone()), ["reviewers"] = new JsonArray() }))
            .Select(e => e with { Field = e.Field.Replace("/evidence/0/", "", StringComparison.Ordinal).TrimStart('/') }).ToList();
        if (itemErrors.Count > 0)
        {
            return Task.FromResult(Result<FactOutcome>.Fail(new Invalid(itemErrors)));
        }
        return FactEntries.ChangeDesignationAsync(db, time, person, request.Group!, "evidence-added", viewer,
            designation => { designation["evidence"]!.AsArray().Add(evidence); return null; }, cancellationToken);
    }
}
