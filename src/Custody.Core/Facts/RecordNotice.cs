using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Persistence;

namespace Custody.Facts;

public sealed record RecordNoticeRequest(string? Kind, string? Country, string? ServedAt, IReadOnlyList<string>? ServedOn, string? Language);

/// <summary>
/// Records the service of a notice (by default of removal to a third country). A notice in a
/// language the person does not speak is refused, since it is no notice; one not served on counsel
/// of record is entered with a warning, as screening treats it as defective until counsel is served.
/// </summary>
public sealed class RecordNotice(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public Task<Result<FactOutcome>> HandleAsync(PersonId person, RecordNoticeRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.ServedAt))
        {
            return FactEntries.Invalid("servedAt", "When the notice was served, RFC 3339 with its offset.");
        }
        if (Instants.ReadPast(request.ServedAt, time.GetUtcNow(), "servedAt", out var servedAt) is { } error)
        {
            return Task.FromResult(Result<FactOutcome>.Fail(new Invalid([error])));
        }
        var fact = new JsonObject
        {
            ["kind"] = request.Kind ?? "third-country-removal",
            ["country"] = request.Country,
            ["servedAt"] = Instants.ToText(Instants.Utc(servedAt)),
            ["servedOn"] = FactEntries.Codes(request.ServedOn),
            ["language"] = request.Language,
        };
        return FactEntries.EnterAsync(db, time, person, "notices", fact, viewer, (facts, warnings) =>
        {
            // A notice the person cannot read is no notice: refused, not merely warned about.
            if (request.Language is { } language && !facts.Languages.Contains(language))
            {
                return [new FieldError("language", $"The person does not speak \"{language}\" (speaks {string.Join(", ", facts.Languages)}); serve the notice in a language the person speaks.")];
            }
            if (facts.HasCounselOfRecord && !(request.ServedOn ?? []).Contains("counsel"))
            {
                warnings.Add("The person has counsel of record who was not served; screening treats the notice as defective until counsel is served.");
            }
            return [];
        }, cancellationToken);
    }
}
