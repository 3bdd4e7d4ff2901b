using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Billing;
using Custody.Demo;
using Custody.Facilities;
using Custody.Imports;
using Custody.Ledger;
using Custody.Persistence;
using Custody.Transfers;

namespace Custody.Benchmarks;

/// <summary>
/// Drafting a month's invoice for a full prison: 40,000 people held under the model agreement since
/// before the month, most with welfare checks in it, loaded through the ledger (and verified), then
/// <see cref="DraftInvoice"/> for March 2026, best of three after a warm-up.
/// </summary>
public sealed class BillingBenchmark(string folder)
{
    private const int People = 40_000;

    public async Task RunAsync(StringBuilder report)
    {
        var database = CustodyDatabase.Parse(Path.Combine(folder, "billing.db"));
        await using var db = database.CreateContext();
        await DatabaseSetup.MigrateAsync(db);
        // The data is recorded as it would have been: on the day it happened (a welfare check recorded
        // more than 72 h after it was made pays for nothing).
        var time = new BenchClock(new DateTimeOffset(2026, 2, 20, 12, 0, 0, TimeSpan.Zero));
        var agreement = Encoding.UTF8.GetBytes(FormatSchemas.ReadEmbedded("us-sv-2025.agreement.json"));
        Require(await new ImportFile(db, time).HandleAsync(() => new MemoryStream(agreement), "bench"));
        Require(await new RegisterFacility(db, time).HandleAsync(new("bench-prison", "Bench prison", "SV", "prison", "2 Bench Road", "+503 2000 0000", "America/El_Salvador"), "bench"));
        var bundle = Encoding.UTF8.GetBytes(EligiblePerson.Bundle(Enumerable.Range(0, People).Select(i => EligiblePerson.Create($"P-{i:D5}", "Bench", $"P-{i:D5}", withContacts: false))));
        Require(await new ImportFile(db, time).HandleAsync(() => new MemoryStream(bundle), "bench"));
        var ids = db.People.Where(p => p.ExternalId.StartsWith("P-")).OrderBy(p => p.ExternalId).Select(p => p.Id).ToList();
        var clock = Stopwatch.StartNew();
        var handedOver = new DateTime(2026, 2, 20, 12, 0, 0, DateTimeKind.Utc);
        var entries = await BulkApply.RunAsync(db, time, ids.Select(id => ((ILedgerEvent)new CustodyRecorded(Guid.CreateVersion7(), id, CustodyEvents.HandedOver, "SV",
            CustodyPlaces.Facility, "agreement:us-sv-2025", "US", handedOver, OnBehalfOf: "US", Facility: "bench-prison", Agreement: "us-sv-2025"), (DateTime?)handedOver)).ToList(), "bench");
        // Nine in ten seen by an ICRC delegate on 3 March, half of them again on 20 March; one in ten never: their days are withheld.
        foreach (var seen in new[] { new DateTime(2026, 3, 3, 15, 0, 0, DateTimeKind.Utc), new DateTime(2026, 3, 20, 15, 0, 0, DateTimeKind.Utc) })
        {
            time.Now = new DateTimeOffset(seen.AddHours(2));
            var seenToday = ids.Where((_, i) => i % 10 != 9 && (seen.Day == 3 || i % 2 == 0)).Select(id => ((ILedgerEvent)new WelfareChecked(Guid.CreateVersion7(), id, "ICRC delegate",
                WelfareCheck.IndependentMonitor, seen, "seen", PrivateConversation: true, IdentityConfirmedBy: "verified-identifier"), (DateTime?)seen)).ToList();
            entries += await BulkApply.RunAsync(db, time, seenToday, "bench");
        }
        time.Now = new DateTimeOffset(2026, 4, 2, 12, 0, 0, TimeSpan.Zero);
        var loaded = clock.Elapsed;
        var verification = await new VerifyLedger(db).RunAsync();
        if (!verification.Ok)
        {
            throw new InvalidOperationException("billing data does not verify: " + verification.Problem);
        }
        var draft = new DraftInvoice(db);
        Require(await draft.RunAsync("us-sv-2025", "2026-03"));
        var best = TimeSpan.MaxValue;
        InvoiceDraft? result = null;
        for (var i = 0; i < 3; i++)
        {
            db.ChangeTracker.Clear();
            clock.Restart();
            result = Require(await draft.RunAsync("us-sv-2025", "2026-03"));
            best = clock.Elapsed < best ? clock.Elapsed : best;
        }
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| draft a month's invoice, {People:N0} people held ({result!.Lines.Count:N0} lines, {result.PayableDays:N0} payable days, total {result.Total:N2} {result.Currency}; data: {entries:N0} entries loaded in {loaded.TotalSeconds:F1} s, verified) | {best.TotalSeconds:F2} s | — | — | < 5 s |");
    }

    private static T Require<T>(Common.Result<T> result) =>
        result.Failure is { } failure ? throw new InvalidOperationException($"benchmark setup failed: {failure}") : result.Value!;
}

/// <summary>The benchmark's clock: data is loaded as of the day it happened.</summary>
internal sealed class BenchClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
