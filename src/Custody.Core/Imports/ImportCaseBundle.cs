using System.Text.Json;
using System.Threading.Channels;
using System.Text.Json.Nodes;
using Custody.Common;
using Custody.Ledger;
using Custody.People;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Imports;

/// <summary>
/// Imports a case bundle in one streaming pass inside one transaction: a background reader parses
/// people a batch at a time while each batch is validated (schema on every core, then the bundle's
/// own rules: unique ids, a protection's end after its start) and, while no error has been found,
/// applied — new people registered, changed ones updated, unchanged ones left alone. Any error, or
/// malformed JSON anywhere in the file, rolls the whole transaction back: nothing is written. The
/// bundle's class orders are checked and applied after the people.
/// </summary>
internal sealed class ImportCaseBundle(CustodyDbContext db, TimeProvider time) : IUseCase
{
    private const int BatchSize = 1000;

    /// <summary>People read from the file, with the schema's verdict on each (checked by the reader, ahead of the writer).</summary>
    private sealed record Batch(List<JsonElement> People, List<FieldError>[] SchemaErrors, int Start, long Position);

    public async Task<Result<ImportSummary>> HandleAsync(Func<Stream> open, string actor, byte[] digest, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            // Rolled back on every failure: a failed import leaves nothing behind.
            var outcome = await UnitOfWork.RunAsync<ImportSummary>(db, time, work => ImportAsync(work, open, actor, digest, progress, cancellationToken), cancellationToken);
            db.ChangeTracker.Clear();
            return outcome;
        });
    }

    private async Task<Result<ImportSummary>> ImportAsync(UnitOfWork work, Func<Stream> open, string actor, byte[] digest, IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        var ledger = work.Ledger;
        var sizeBefore = ledger.Size;
        var counts = new Counts();
        // New people are append-only rows, written straight like ledger entries; the rest goes through tracking.
        var bulk = new BulkProjectionStore(db);
        // Which bundle ids the register already has: a batch of newcomers then needs no lookup.
        var known = (await db.People.AsNoTracking().Select(p => p.ExternalId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var errors = new ErrorList();
        var firstIndexOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        var batches = Channel.CreateBounded<Batch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() => Read(open, batches.Writer, stop.Token), stop.Token);
        JsonObject shell;
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
            {
                ValidatePeople(batch, firstIndexOfId, errors);
                if (errors.Count == 0)
                {
                    await ApplyBatchAsync(batch.People.Select(p => CanonicalJson.JsonNodeFrom(p)!.AsObject()).ToList(), known, work, bulk, actor, counts, cancellationToken);
                }
                progress?.Report(new ImportProgress(batch.Position, batch.Start + batch.People.Count));
            }
            shell = await reading;
        }
        catch (JsonException ex)
        {
            return Result<ImportSummary>.Fail(new Invalid([ImportFile.NotJson(ex)]));
        }
        finally
        {
            await stop.CancelAsync();
        }
        ValidateShell(shell, errors);
        if (errors.Count > 0)
        {
            return Result<ImportSummary>.Fail(errors.ToFailure());
        }
        await RecordCourtOrderConflictsAsync(counts, work, actor, Convert.ToHexStringLower(digest), cancellationToken);
        await ApplyClassOrdersAsync(shell["classOrders"] as JsonArray ?? [], work, actor, Convert.ToHexStringLower(digest), counts, cancellationToken);
        if (ledger.Size > sizeBefore)
        {
            work.Record(new ImportCompleted(FormatSchemas.CaseBundleFormat, Convert.ToHexStringLower(digest), shell["source"]?.DeepClone(),
                counts.Registered, counts.Updated, counts.OrdersRecorded, counts.OrdersUpdated), actor);
        }
        return new ImportSummary(FormatSchemas.CaseBundleFormat, null, counts.Registered, counts.Updated, counts.Unchanged,
            counts.OrdersRecorded, counts.OrdersUpdated, 0, 0, ledger.Size - sizeBefore, ledger.Size)
        {
            ClassOrderConflicts = counts.OrdersInConflict,
            CourtOrderConflicts = counts.CourtOrderCopies.Select(c => $"{c.ExternalId}: court order {c.Order}").Distinct().ToList(),
        };
    }

    /// <summary>
    /// Reads the file once: people in batches to <paramref name="output"/>, everything else into the
    /// returned shell (with an empty persons array when persons was one), so the schema can check it.
    /// </summary>
    private static JsonObject Read(Func<Stream> open, ChannelWriter<Batch> output, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = open();
            using var reader = new StreamingJsonReader(stream);
            var shell = new JsonObject();
            reader.ReadToken(); // the start of the object: format detection already saw it
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
                            Send(output, batch, start, reader.Position, cancellationToken);
                            start += batch.Count;
                            batch = new List<JsonElement>(BatchSize);
                        }
                    }
                    reader.ReadToken();
                    Send(output, batch, start, reader.Position, cancellationToken);
                }
                else
                {
                    shell[name!] = CanonicalJson.JsonNodeFrom(reader.ReadValue());
                }
            }
            reader.ReadEnd();
            output.Complete();
            return shell;
        }
        catch (Exception ex)
        {
            output.TryComplete(ex);
            throw;
        }
    }

    // The schema checks run here, on every core, while the importer writes the previous batch.
    private static void Send(ChannelWriter<Batch> output, List<JsonElement> people, int start, long position, CancellationToken cancellationToken)
    {
        if (people.Count == 0)
        {
            return;
        }
        var schemaErrors = new List<FieldError>[people.Count];
        Parallel.For(0, people.Count, i => schemaErrors[i] = FormatSchemas.Validate(FormatSchemas.Person, people[i], $"/persons/{start + i}").ToList());
        output.WriteAsync(new Batch(people, schemaErrors, start, position), cancellationToken).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>The bundle apart from its people: the schema, and class-order ids unique.</summary>
    private static void ValidateShell(JsonObject shell, ErrorList errors)
    {
        errors.AddRange(FormatSchemas.Validate(FormatSchemas.CaseBundle, JsonSerializer.SerializeToElement(shell)));
        var orderIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var order in shell["classOrders"] as JsonArray ?? [])
        {
            if (order?["id"] is JsonValue id && id.TryGetValue(out string? text) && !orderIds.TryAdd(text, index))
            {
                errors.Add(new FieldError($"/classOrders/{index}/id", $"Duplicate class order id \"{text}\" (first at /classOrders/{orderIds[text]}/id)."));
            }
            index++;
        }
    }

    /// <summary>The schema's verdicts, then the bundle's own rules, in file order so that errors come out in order.</summary>
    private static void ValidatePeople(Batch batch, Dictionary<string, int> firstIndexOfId, ErrorList errors)
    {
        if (errors.Full)
        {
            return;
        }
        for (var i = 0; i < batch.People.Count; i++)
        {
            ValidatePerson(batch.People[i], batch.Start + i, batch.SchemaErrors[i], firstIndexOfId, errors);
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
                if (!Instants.EndsAfterStart(DateOf(protection, "effectiveFrom"), DateOf(protection, "effectiveUntil")))
                {
                    errors.Add(new FieldError($"{prefix}/protections/{p}/effectiveUntil", "effectiveUntil must be after effectiveFrom."));
                }
                p++;
            }
        }
    }

    private static string? DateOf(JsonElement fact, string name) => fact.TryGetProperty(name, out var value) ? value.GetString() : null;

    /// <summary>
    /// A class order the register lacks is recorded (unverified: it blocks until a court says
    /// otherwise); an imported, unverified one follows the bundle. A court's record (entered or
    /// verified by a court or legal reviewer) is never changed by a bundle: a differing copy is kept
    /// as a conflict for legal review, once per distinct copy.
    /// </summary>
    private async Task ApplyClassOrdersAsync(JsonArray orders, UnitOfWork work, string actor, string import, Counts counts, CancellationToken cancellationToken)
    {
        foreach (var node in orders)
        {
            var facts = node!.AsObject();
            var id = facts["id"]!.GetValue<string>();
            var existing = await db.ClassOrders.FindAsync([id], cancellationToken);
            if (existing is null)
            {
                work.Record(new ClassOrderRecorded(facts), actor);
                counts.OrdersRecorded++;
                continue;
            }
            var changes = JsonChanges.Between(JsonNode.Parse(existing.Facts)!.AsObject(), facts);
            if (changes.IsEmpty)
            {
                continue;
            }
            if (existing.Verified)
            {
                var copy = CanonicalJson.ToText(facts);
                if (!await db.ClassOrderConflicts.AnyAsync(c => c.ClassOrderId == id && c.Copy == copy, cancellationToken))
                {
                    work.Record(new ClassOrderConflictRecorded(Guid.CreateVersion7(time.GetUtcNow()), id, facts, import), actor);
                }
                counts.OrdersInConflict.Add(id);
                continue;
            }
            work.Record(new ClassOrderUpdated(id, changes.Set, changes.Removed), actor);
            counts.OrdersUpdated++;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task ApplyBatchAsync(List<JsonObject> batch, HashSet<string> known, UnitOfWork work, BulkProjectionStore bulk, string actor, Counts counts,
        CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }
        var ids = batch.Select(p => p["id"]!.GetValue<string>()).Where(known.Contains).ToList();
        var existing = ids.Count == 0
            ? new Dictionary<string, Person>(StringComparer.Ordinal)
            : await db.People.Where(p => ids.Contains(p.ExternalId)).ToDictionaryAsync(p => p.ExternalId, StringComparer.Ordinal, cancellationToken);
        await NoteCourtOrderCopiesAsync(batch, existing, counts, cancellationToken);
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
            // The person is tracked (loaded above): the projector changes it and replaces its locator keys through the context.
            work.Record(new PersonUpdated(person.Id, externalId, changes.Set, changes.Removed), actor);
            counts.Updated++;
        }
        // Registration is the bulk of a large import: canonicalize each person once, on every core,
        // for both the register and the ledger entry; then hash and project on every core too.
        var registrations = new PersonRegistered[newcomers.Count];
        var payloads = new byte[newcomers.Count][];
        Parallel.For(0, newcomers.Count, i =>
        {
            var facts = CanonicalJson.ToBytes(newcomers[i].Facts);
            // Exactly the canonical payload of the event: {"id":…,"person":…}, members in code-unit order.
            payloads[i] = CanonicalJson.ToBytes(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("id", newcomers[i].Id.ToString());
                writer.WritePropertyName("person");
                writer.WriteRawValue(facts, skipInputValidation: true);
                writer.WriteEndObject();
            });
            registrations[i] = new PersonRegistered(newcomers[i].Id, newcomers[i].Facts) { CanonicalFacts = System.Text.Encoding.UTF8.GetString(facts) };
        });
        work.RecordMany(registrations, actor, bulk, payloads);
        await bulk.FlushAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// A re-imported person's copies of orders a court entered in Custody that say something else:
    /// noted now, recorded as conflicts once the people are in (never applied: screening keeps the
    /// court's record).
    /// </summary>
    private async Task NoteCourtOrderCopiesAsync(List<JsonObject> batch, Dictionary<string, Person> existing, Counts counts, CancellationToken cancellationToken)
    {
        var withCopies = batch.Where(f => f["courtOrders"] is JsonArray { Count: > 0 } && existing.ContainsKey(f["id"]!.GetValue<string>())).ToList();
        if (withCopies.Count == 0)
        {
            return;
        }
        var ids = withCopies.Select(f => existing[f["id"]!.GetValue<string>()].Id).ToList();
        var entered = (await db.CourtOrders.AsNoTracking().Where(o => ids.Contains(o.PersonId)).ToListAsync(cancellationToken)).ToLookup(o => o.PersonId);
        foreach (var facts in withCopies)
        {
            var person = existing[facts["id"]!.GetValue<string>()];
            foreach (var (order, copy) in CourtOrders.CourtOrderConflict.DifferingCopies(facts, entered[person.Id].ToList()))
            {
                counts.CourtOrderCopies.Add((order.Id, person.Id, person.ExternalId, copy));
            }
        }
    }

    private async Task RecordCourtOrderConflictsAsync(Counts counts, UnitOfWork work, string actor, string import, CancellationToken cancellationToken)
    {
        var seen = new HashSet<(Guid, string)>();
        foreach (var (order, person, _, copy) in counts.CourtOrderCopies)
        {
            var text = CanonicalJson.ToText(copy);
            if (seen.Add((order, text)) && !await db.CourtOrderConflicts.AnyAsync(c => c.CourtOrderId == order && c.Copy == text, cancellationToken))
            {
                work.Record(new CourtOrders.CourtOrderConflictRecorded(Guid.CreateVersion7(time.GetUtcNow()), order, person, copy.DeepClone().AsObject(), import), actor);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed class Counts
    {
        public List<(Guid Order, Guid Person, string ExternalId, JsonObject Copy)> CourtOrderCopies = [];
        public int Registered;
        public int Updated;
        public int Unchanged;
        public int OrdersRecorded;
        public int OrdersUpdated;
        public List<string> OrdersInConflict = [];
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
