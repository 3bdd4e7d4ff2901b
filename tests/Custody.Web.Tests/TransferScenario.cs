using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Custody.Imports;
using Custody.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Custody.Web.Tests;

/// <summary>Fresh people and manifests for transfer tests, so tests sharing an app never share a person.</summary>
internal static class TransferScenario
{
    /// <summary>An adult Salvadoran eligible for SV under us-sv-2025, with counsel of record and a designated family contact.</summary>
    public static JsonObject EligiblePerson(string id, string given = "Ana", string family = "Pérez", string dateOfBirth = "1990-01-01") =>
        Custody.Demo.EligiblePerson.Create(id, given, family, dateOfBirth);

    /// <summary>Imports the people through the import use case and returns their register ids, in order.</summary>
    public static async Task<List<Guid>> ImportAsync(CustodyWebFactory factory, params JsonObject[] people)
    {
        var bytes = Encoding.UTF8.GetBytes(Custody.Demo.EligiblePerson.Bundle(people.Select(p => p.DeepClone().AsObject())));
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CustodyDbContext>();
            var result = await new ImportFile(db, TimeProvider.System).HandleAsync(() => new MemoryStream(bytes), "test:import", null, CancellationToken.None);
            Assert.True(result.Succeeded, result.Failure?.ToString());
        }
        var ids = new List<Guid>();
        foreach (var person in people)
        {
            ids.Add(await factory.PersonIdAsync(person["id"]!.GetValue<string>()));
        }
        return ids;
    }

    /// <summary>Every admission register field with a value: an admission that passes.</summary>
    public static readonly Dictionary<string, object> FullRegister =
        Custody.Facilities.Admission.RequiredFields.ToDictionary(f => f, f => (object)new { value = $"{f} as recorded" });

    /// <summary>An eligible person imported and handed over at CECOT through the real commands (now), with their register and bundle ids.</summary>
    public static async Task<(Guid Id, string ExternalId)> HandedOverAtCecotAsync(CustodyWebFactory factory, string prefix)
    {
        var person = EligiblePerson(Unique(prefix), "Reo", prefix);
        var ids = await ImportAsync(factory, person);
        using var scope = factory.Services.CreateScope();
        await Custody.Demo.DemoMovement.HandOverAsync(scope.ServiceProvider.GetRequiredService<CustodyDbContext>(), TimeProvider.System, "us-sv-2025",
            "us-processing-centre", "sv-cecot", [(ids[0], person["id"]!.GetValue<string>())]);
        return (ids[0], person["id"]!.GetValue<string>());
    }

    /// <summary>An instant minutes from now, as an RFC 3339 UTC text to the second.</summary>
    public static string Now(int minutes = 0) =>
        DateTimeOffset.UtcNow.AddMinutes(minutes).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An auditor verifies the whole ledger through the API: every hash, every table rebuilt.</summary>
    public static async Task AssertLedgerVerifiesAsync(CustodyWebFactory factory)
    {
        var auditor = await factory.BearerAsync(Roles.Auditor);
        var verdict = (await (await auditor.PostAsync("/api/ledger/verify", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(verdict["ok"]!.GetValue<bool>(), verdict.ToJsonString());
    }

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(40, prefix.Length + 33)];

    public static async Task<Guid> CreateManifestAsync(HttpClient supervisor, string agreement = "us-sv-2025", string? departure = null)
    {
        var response = await supervisor.PostAsJsonAsync("/api/manifests", new
        {
            agreementId = agreement,
            carrier = "Test Air",
            movement = "TA" + Random.Shared.Next(100, 999),
            originFacilityId = "us-processing-centre",
            destinationFacilityId = "sv-cecot",
            scheduledDeparture = departure ?? DateTimeOffset.UtcNow.AddMinutes(30).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return Guid.Parse((await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
    }

    public static async Task<JsonObject> OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    public static async Task AddAsync(HttpClient supervisor, Guid manifest, Guid person, string role = "principal") =>
        await OkAsync(supervisor.PostAsJsonAsync($"/api/manifests/{manifest}/people", new { personId = person, role }));

    /// <summary>Adds the principals, locks, boards each with their A-number, and returns the manifest.</summary>
    public static async Task<JsonObject> LockedAndBoardedAsync(HttpClient supervisor, HttpClient escort, Guid manifest, IReadOnlyList<(Guid Id, string ExternalId)> principals)
    {
        foreach (var (id, _) in principals)
        {
            await AddAsync(supervisor, manifest, id);
        }
        await OkAsync(supervisor.PostAsync($"/api/manifests/{manifest}/lock", null));
        JsonObject view = [];
        foreach (var (id, externalId) in principals)
        {
            view = await OkAsync(escort.PostAsJsonAsync($"/api/manifests/{manifest}/people/{id}/boarding", new { outcome = "boarded", identifier = "A" + externalId }));
        }
        return view;
    }

    public static JsonObject PersonOn(JsonObject manifest, Guid person) =>
        manifest["people"]!.AsArray().Single(p => p!["personId"]!.GetValue<string>() == person.ToString())!.AsObject();
}
