using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Persistence;

namespace Custody.Facts;

public sealed record ReportProtectionRequest(string? Kind, string? Status, IReadOnlyList<string>? Countries, string? EffectiveFrom, string? EffectiveUntil, string? Source);

/// <summary>
/// Reports a protection (a pending claim or one granted) and the countries it covers (none: every
/// country), so that screening honours it from the commit on rather than from the next bundle.
/// </summary>
public sealed class ReportProtection(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public Task<Result<FactOutcome>> HandleAsync(PersonId person, ReportProtectionRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fact = new JsonObject { ["kind"] = request.Kind, ["status"] = request.Status ?? "pending", ["countries"] = FactEntries.Codes(request.Countries) };
        FactEntries.Optional(fact, "effectiveFrom", request.EffectiveFrom);
        FactEntries.Optional(fact, "effectiveUntil", request.EffectiveUntil);
        FactEntries.Optional(fact, "source", request.Source);
        // Checked after the schema, so both dates, when given, are valid ones.
        return FactEntries.EnterAsync(db, time, person, "protections", fact, viewer, (_, _) =>
            Instants.EndsAfterStart(fact["effectiveFrom"]?.GetValue<string>(), fact["effectiveUntil"]?.GetValue<string>())
                ? []
                : [new FieldError("effectiveUntil", "effectiveUntil must be after effectiveFrom.")], cancellationToken);
    }
}
