using System.Text.Json;
using System.Text.Json.Nodes;
using Custody.Agreements;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Imports;

/// <summary>
/// Imports an agreement definition. A new id registers the agreement and all its versions; a
/// known id adds the versions it lacks. A version already imported is never changed: the same
/// content again is a no-op, different content is an error and nothing is written. The parties
/// of an agreement never change; its title and end date may, and that change is ledgered.
/// </summary>
internal sealed class ImportAgreement(CustodyDbContext db, TimeProvider time) : IUseCase
{
    // An agreement definition is a few kilobytes; anything this large is not one.
    private const long MaxBytes = 16 * 1024 * 1024;

    public async Task<Result<ImportSummary>> HandleAsync(Func<Stream> open, string actor, byte[] digest, CancellationToken cancellationToken)
    {
        JsonElement document;
        await using (var stream = open())
        {
            if (stream.CanSeek && stream.Length > MaxBytes)
            {
                return new Invalid([new FieldError("/", $"An agreement definition larger than {MaxBytes / (1024 * 1024)} MiB is not accepted.")]);
            }
            try
            {
                using var parsed = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
                document = parsed.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                return new Invalid([ImportFile.NotJson(ex)]);
            }
        }
        var errors = new ErrorList();
        errors.AddRange(FormatSchemas.Validate(FormatSchemas.Agreement, document));
        if (errors.Count > 0)
        {
            return errors.ToFailure();
        }
        var definition = CanonicalJson.JsonNodeFrom(document)!.AsObject();
        CheckRules(definition, errors);
        if (errors.Count > 0)
        {
            return errors.ToFailure();
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var outcome = await UnitOfWork.RunAsync<ImportSummary>(db, time, async work =>
            {
                var ledger = work.Ledger;
                var sizeBefore = ledger.Size;
                var result = await ApplyAsync(definition, work, actor, errors, cancellationToken);
                if (errors.Count > 0)
                {
                    return errors.ToFailure();
                }
                if (ledger.Size > sizeBefore)
                {
                    work.Record(new ImportCompleted(FormatSchemas.AgreementFormat, Convert.ToHexStringLower(digest), Agreement: result.Id, VersionsAdded: result.Added), actor);
                }
                return new ImportSummary(FormatSchemas.AgreementFormat, result.Id, 0, 0, 0, 0, 0,
                    result.Added, result.Unchanged, ledger.Size - sizeBefore, ledger.Size);
            }, cancellationToken);
            db.ChangeTracker.Clear();
            return outcome;
        });
    }

    /// <summary>What the schema cannot say: unique version numbers and category ids, the end after every start.</summary>
    private static void CheckRules(JsonObject definition, ErrorList errors)
    {
        var until = definition["effectiveUntil"] is { } u ? Instants.Parse(u.GetValue<string>()) : (DateTime?)null;
        var numbers = new Dictionary<int, int>();
        var versions = definition["versions"]!.AsArray();
        for (var i = 0; i < versions.Count; i++)
        {
            var version = versions[i]!.AsObject();
            var number = version["number"]!.GetValue<int>();
            if (!numbers.TryAdd(number, i))
            {
                errors.Add(new FieldError($"/versions/{i}/number", $"Duplicate version number {number} (first at /versions/{numbers[number]}/number)."));
            }
            var from = Instants.Parse(version["effectiveFrom"]!.GetValue<string>());
            if (until is { } end && end <= from)
            {
                errors.Add(new FieldError("/effectiveUntil", $"effectiveUntil must be after effectiveFrom of every version (version {number} starts {Instants.ToText(from)})."));
            }
            var categoryIds = new Dictionary<string, int>(StringComparer.Ordinal);
            var categories = version["categories"]!.AsArray();
            for (var c = 0; c < categories.Count; c++)
            {
                var id = categories[c]!["id"]!.GetValue<string>();
                if (!categoryIds.TryAdd(id, c))
                {
                    errors.Add(new FieldError($"/versions/{i}/categories/{c}/id", $"Duplicate category id \"{id}\" in version {number}."));
                }
            }
        }
    }

    private async Task<(string Id, int Added, int Unchanged)> ApplyAsync(JsonObject definition, UnitOfWork work, string actor, ErrorList errors, CancellationToken cancellationToken)
    {
        var id = definition["id"]!.GetValue<string>();
        var title = definition["title"]!.GetValue<string>();
        var sending = definition["sendingState"]!.GetValue<string>();
        var receiving = definition["receivingState"]!.GetValue<string>();
        var until = definition["effectiveUntil"] is { } u ? Instants.Parse(u.GetValue<string>()) : (DateTime?)null;
        var agreement = await db.Agreements.FindAsync([id], cancellationToken);
        if (agreement is null)
        {
            work.Record(new AgreementRegistered(id, title, sending, receiving, until), actor);
        }
        else
        {
            if (agreement.SendingState != sending)
            {
                errors.Add(new FieldError("/sendingState", $"Agreement {id} was imported with sending state {agreement.SendingState}; the parties of an agreement never change."));
            }
            if (agreement.ReceivingState != receiving)
            {
                errors.Add(new FieldError("/receivingState", $"Agreement {id} was imported with receiving state {agreement.ReceivingState}; the parties of an agreement never change."));
            }
            if (agreement.Title != title || agreement.EffectiveUntil != until)
            {
                work.Record(new AgreementUpdated(id, title, sending, receiving, until), actor);
            }
        }
        var existing = await db.AgreementVersions.Where(v => v.AgreementId == id).ToDictionaryAsync(v => v.Number, cancellationToken);
        int added = 0, unchanged = 0;
        var versions = definition["versions"]!.AsArray();
        for (var i = 0; i < versions.Count; i++)
        {
            var version = versions[i]!.AsObject();
            var number = version["number"]!.GetValue<int>();
            if (existing.TryGetValue(number, out var stored))
            {
                if (stored.Document != CanonicalJson.ToText(version))
                {
                    errors.Add(new FieldError($"/versions/{i}", $"Version {number} of agreement {id} was already imported with different content; a version is never changed. Add a new version instead."));
                }
                unchanged++;
                continue;
            }
            work.Record(new AgreementVersionAdded(id, version), actor);
            added++;
        }
        return (id, added, unchanged);
    }
}
