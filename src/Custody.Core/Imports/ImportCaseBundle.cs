using System.Text.Json;
using System.Text.Json.Nodes;
using Custody.Common;
using Custody.Ledger;
using Custody.People;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Imports;

/// <summary>
/// Imports a case bundle in two streaming passes: the first validates every person against the
/// schema and the bundle's own rules (unique ids, protection end after start); the second,
/// only if the first found nothing, registers new people and updates changed ones in batches
/// inside one transaction. A re-import of an unchanged person appends nothing.
/// </summary>
internal sealed class ImportCaseBundle(CustodyDbContext db, TimeProvider time)
{
    private const int BatchSize = 1000;

    public async Task<Result<ImportSummary>> RunAsync(Func<Stream> open, string actor, byte[] digest, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        JsonObject shell;
        var errors = new ErrorList();
        try
        {
            shell = Validate(open, errors, progress);
        }
        catch (JsonException ex)
        {
            return new Invalid([ImportFile.NotJson(ex)]);
        }
        if (errors.Count > 0)
        {
            return errors.ToFailure();
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var ledger = await LedgerWriter.OpenAsync(db, time, cancellationToken);
            var sizeBefore = ledger.Size;
            var counts = new Counts();
            await ApplyClassOrdersAsync(shell["classOrders"] as JsonArray ?? [], ledger, actor, counts, cancellationToken);
            await ApplyPeopleAsync(open, ledger, actor, counts, progress, cancellationToken);
            if (ledger.Size > sizeBefore)
            {
                ledger.Append(LedgerKinds.ImportCompleted, "import:" + Convert.ToHexStringLower(digest), new JsonObject
                {
                    ["format"] = FormatSchemas.CaseBundleFormat,
                    ["sha256"] = Convert.ToHexStringLower(digest),
                    ["source"] = shell["source"]?.DeepClone(),
                    ["peopleRegistered"] = counts.Registered,
                    ["peopleUpdated"] = counts.Updated,
                    ["classOrdersRecorded"] = counts.OrdersRecorded,
                    ["classOrdersUpdated"] = counts.OrdersUpdated,
                }, actor);
                await db.SaveChangesAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return Result<ImportSummary>.Ok(new ImportSummary(FormatSchemas.CaseBundleFormat, null, counts.Registered, counts.Updated, counts.Unchanged,
                counts.OrdersRecorded, counts.OrdersUpdated, 0, 0, ledger.Size - sizeBefore, ledger.Size));
        });
    }

    private static JsonObject Validate(Func<Stream> open, ErrorList errors, IProgress<ImportProgress>? progress)
    {
        using var stream = open();
        var total = stream.CanSeek ? stream.Length : 0;
        using var reader = new StreamingJsonReader(stream);
        var shell = new JsonObject();
        reader.ReadToken(); // the start of the object: format detection already saw it
        var firstIndexOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        while (true)
        {
            var (type, name) = reader.ReadToken();
            if (type == JsonTokenType.EndObject)
            {
                break;
            }
            if (name == "persons" && reader.PeekTokenType() == JsonTokenType.StartArray)
            {
                reader.ReadToken();
                shell["persons"] = new JsonArray();
                var batch = new List<JsonElement>(BatchSize);
                var start = 0;
                while (reader.PeekTokenType() != JsonTokenType.EndArray)
                {
                    batch.Add(reader.ReadValue());
                    if (batch.Count == BatchSize)
                    {
                        ValidatePeople(batch, start, firstIndexOfId, errors);
                        start += batch.Count;
                        batch.Clear();
                        progress?.Report(new ImportProgress("validate", reader.Position, total, start));
                    }
                }
                ValidatePeople(batch, start, firstIndexOfId, errors);
                reader.ReadToken();
            }
            else
            {
                shell[name!] = CanonicalJson.JsonNodeFrom(reader.ReadValue());
            }
        }
        reader.ReadEnd();
        errors.AddRange(FormatSchemas.Validate(FormatSchemas.CaseBundle, JsonSerializer.SerializeToElement(shell)));
        var orderIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var index2 = 0;
        foreach (var order in shell["classOrders"] as JsonArray ?? [])
        {
            if (order?["id"] is JsonValue id && id.TryGetValue(out string? text) && !orderIds.TryAdd(text, index2))
            {
                errors.Add(new FieldError($"/classOrders/{index2}/id", $"Duplicate class order id \"{text}\" (first at /classOrders/{orderIds[text]}/id)."));
            }
            index2++;
        }
        return shell;
    }

    /// <summary>Schema checks run on every core; the rest, and the order of the errors, stay sequential.</summary>
    private static void ValidatePeople(List<JsonElement> batch, int start, Dictionary<string, int> firstIndexOfId, ErrorList errors)
    {
        if (errors.Full)
        {
            return;
        }
        var schemaErrors = new List<FieldError>[batch.Count];
        Parallel.For(0, batch.Count, i => schemaErrors[i] = FormatSchemas.Validate(FormatSchemas.Person, batch[i], $"/persons/{start + i}").ToList());
        for (var i = 0; i < batch.Count; i++)
        {
            ValidatePerson(batch[i], start + i, schemaErrors[i], firstIndexOfId, errors);
        }
    }

    private static void ValidatePerson(JsonElement person, int index, List<FieldError> schemaErrors, Dictionary<string, int> firstIndexOfId, ErrorList errors)
    {
        var prefix = $"/persons/{index}";
        errors.AddRange(schemaErrors);
        if (person.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        if (person.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && !firstIndexOfId.TryAdd(id.GetString()!, index))
        {
            errors.Add(new FieldError($"{prefix}/id", $"Duplicate person id \"{id.GetString()}\" (first at /persons/{firstIndexOfId[id.GetString()!]}/id)."));
        }
        if (schemaErrors.Count == 0 && person.TryGetProperty("protections", out var protections))
        {
            var p = 0;
            foreach (var protection in protections.EnumerateArray())
            {
                if (protection.TryGetProperty("effectiveFrom", out var from) && protection.TryGetProperty("effectiveUntil", out var until)
                    && Instants.ParseDate(until.GetString()!) <= Instants.ParseDate(from.GetString()!))
                {
                    errors.Add(new FieldError($"{prefix}/protections/{p}/effectiveUntil", "effectiveUntil must be after effectiveFrom."));
                }
                p++;
            }
        }
    }

    private async Task ApplyClassOrdersAsync(JsonArray orders, LedgerWriter ledger, string actor, Counts counts, CancellationToken cancellationToken)
    {
        foreach (var node in orders)
        {
            var facts = node!.AsObject();
            var id = facts["id"]!.GetValue<string>();
            var existing = await db.ClassOrders.FindAsync([id], cancellationToken);
            if (existing is null)
            {
                var entry = ledger.Append(LedgerKinds.ClassOrderRecorded, "class-order:" + id, new JsonObject { ["order"] = facts.DeepClone() }, actor);
                db.ClassOrders.Add(ClassOrder.Record(facts, entry));
                counts.OrdersRecorded++;
                continue;
            }
            var changes = JsonChanges.Between(JsonNode.Parse(existing.Facts)!.AsObject(), facts);
            if (!changes.IsEmpty)
            {
                var payload = new JsonObject { ["id"] = id };
                changes.WriteTo(payload);
                var entry = ledger.Append(LedgerKinds.ClassOrderUpdated, "class-order:" + id, payload, actor);
                existing.Update(changes, entry);
                counts.OrdersUpdated++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task ApplyPeopleAsync(Func<Stream> open, LedgerWriter ledger, string actor, Counts counts, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        using var stream = open();
        var total = stream.CanSeek ? stream.Length : 0;
        using var reader = new StreamingJsonReader(stream);
        reader.ReadToken();
        while (true)
        {
            var (type, name) = reader.ReadToken();
            if (type == JsonTokenType.EndObject)
            {
                return;
            }
            if (name != "persons")
            {
                reader.SkipValue();
                continue;
            }
            reader.ReadToken();
            var batch = new List<JsonObject>(BatchSize);
            while (reader.PeekTokenType() != JsonTokenType.EndArray)
            {
                batch.Add(CanonicalJson.JsonNodeFrom(reader.ReadValue())!.AsObject());
                if (batch.Count == BatchSize)
                {
                    await ApplyBatchAsync(batch, ledger, actor, counts, cancellationToken);
                    batch.Clear();
                    progress?.Report(new ImportProgress("import", reader.Position, total, counts.Registered + counts.Updated + counts.Unchanged));
                }
            }
            reader.ReadToken();
            await ApplyBatchAsync(batch, ledger, actor, counts, cancellationToken);
            progress?.Report(new ImportProgress("import", reader.Position, total, counts.Registered + counts.Updated + counts.Unchanged));
        }
    }

    private async Task ApplyBatchAsync(List<JsonObject> batch, LedgerWriter ledger, string actor, Counts counts, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }
        var ids = batch.Select(p => p["id"]!.GetValue<string>()).ToList();
        var existing = await db.People.Where(p => ids.Contains(p.ExternalId)).ToDictionaryAsync(p => p.ExternalId, StringComparer.Ordinal, cancellationToken);
        var newcomers = new List<(Guid Id, JsonObject Facts)>();
        foreach (var facts in batch)
        {
            var externalId = facts["id"]!.GetValue<string>();
            if (!existing.TryGetValue(externalId, out var person))
            {
                newcomers.Add((Guid.CreateVersion7(time.GetUtcNow()), facts));
                counts.Registered++;
                continue;
            }
            var changes = JsonChanges.Between(person.FactsObject(), facts);
            if (changes.IsEmpty)
            {
                counts.Unchanged++;
                continue;
            }
            var payload = new JsonObject { ["id"] = person.Id.ToString(), ["externalId"] = externalId };
            changes.WriteTo(payload);
            var updated = ledger.Append(LedgerKinds.PersonUpdated, "person:" + person.Id, payload, actor);
            person.Update(changes, updated);
            counts.Updated++;
        }
        // Registration is the bulk of a large import: hash and project on every core.
        var entries = ledger.AppendMany(newcomers.Select(n => new LedgerWriter.Request(
            LedgerKinds.PersonRegistered, "person:" + n.Id, new JsonObject { ["id"] = n.Id.ToString(), ["person"] = n.Facts }, actor)).ToList());
        var registered = new Person[newcomers.Count];
        Parallel.For(0, newcomers.Count, i => registered[i] = Person.Register(newcomers[i].Id, newcomers[i].Facts, entries[i]));
        // New people are append-only rows: written straight, like ledger entries; updates go through tracking.
        await using (var inserter = new BulkInserter<Person>(db))
        {
            foreach (var person in registered)
            {
                await inserter.InsertAsync(person, cancellationToken);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private sealed class Counts
    {
        public int Registered;
        public int Updated;
        public int Unchanged;
        public int OrdersRecorded;
        public int OrdersUpdated;
    }
}

/// <summary>Collects validation errors up to <see cref="ImportFile.MaxErrors"/>.</summary>
internal sealed class ErrorList
{
    private readonly List<FieldError> _errors = [];
    private bool _truncated;

    public int Count => _errors.Count;

    public bool Full => _errors.Count >= ImportFile.MaxErrors;

    public void Add(FieldError error)
    {
        if (Full)
        {
            _truncated = true;
            return;
        }
        _errors.Add(error);
    }

    public void AddRange(IEnumerable<FieldError> errors)
    {
        foreach (var error in errors)
        {
            Add(error);
        }
    }

    public Invalid ToFailure() => new(_errors.ToList(), _truncated);
}
