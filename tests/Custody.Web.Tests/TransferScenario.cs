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
    /// <summary>An adult Salvadoran with a final order, a violent conviction and a verified A-number: eligible for SV under us-sv-2025.</summary>
    public static JsonObject EligiblePerson(string id, string given = "Ana", string family = "Pérez", string dateOfBirth = "1990-01-01") => new()
    {
        ["id"] = id,
        ["names"] = new JsonObject { ["given"] = given, ["family"] = family },
        ["dateOfBirth"] = dateOfBirth,
        ["countryOfBirth"] = "SV",
        ["nationalities"] = new JsonArray("SV"),
        ["languages"] = new JsonArray("es"),
        ["identifiers"] = new JsonArray(new JsonObject { ["scheme"] = "a-number", ["value"] = "A" + id, ["verified"] = true }),
        ["removalOrder"] = new JsonObject { ["authority"] = "ina-240", ["final"] = true, ["finalOn"] = "2024-11-02" },
        ["convictions"] = new JsonArray(new JsonObject { ["offense"] = "Robbery", ["category"] = "violent", ["jurisdiction"] = "US-TX", ["date"] = "2020-01-01", ["sentenceMonths"] = 24 }),
        ["counsel"] = new JsonArray(new JsonObject { ["name"] = "R. Alvarez", ["ofRecord"] = true, ["email"] = "counsel@example.org" }),
        ["familyContacts"] = new JsonArray(new JsonObject { ["name"] = "María Pérez", ["relationship"] = "mother", ["phone"] = "+503 7000 0000", ["designated"] = true }),
    };

    /// <summary>Imports the people through the import use case and returns their register ids, in order.</summary>
    public static async Task<List<Guid>> ImportAsync(CustodyWebFactory factory, params JsonObject[] people)
    {
        var bundle = new JsonObject { ["format"] = "custody.case-bundle/1", ["persons"] = new JsonArray(people.Select(p => (JsonNode)p.DeepClone()).ToArray()) };
        var bytes = Encoding.UTF8.GetBytes(bundle.ToJsonString());
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CustodyDbContext>();
            var result = await new ImportFile(db, TimeProvider.System).RunAsync(() => new MemoryStream(bytes), "test:import", null, CancellationToken.None);
            Assert.True(result.Succeeded, result.Failure?.ToString());
        }
        var ids = new List<Guid>();
        foreach (var person in people)
        {
            ids.Add(await factory.PersonIdAsync(person["id"]!.GetValue<string>()));
        }
        return ids;
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
