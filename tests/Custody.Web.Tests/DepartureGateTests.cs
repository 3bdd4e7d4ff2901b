using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Custody.Web.Auth;
using Microsoft.Extensions.Time.Testing;
using static Custody.Web.Tests.TransferScenario;

namespace Custody.Web.Tests;

/// <summary>The app on a clock that starts half an hour before a UTC midnight, so a test can let a protection dated "tomorrow" take effect.</summary>
public sealed class MidnightWebFactory : CustodyWebFactory
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(DateTime.UtcNow.Date.AddDays(1).AddMinutes(-30), TimeSpan.Zero));

    protected override TimeProvider Clock => Time;

    public string At(TimeSpan sinceStart) =>
        Time.Start.Add(sinceStart).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>
/// The departure gate screens everyone aboard at the departure instant (issue 11): a stored screening
/// minutes old is not enough when a protection took effect since. Own app on a fake clock.
/// </summary>
public sealed class DepartureGateTests(MidnightWebFactory factory) : IClassFixture<MidnightWebFactory>
{
    [Fact]
    public async Task Depart_ProtectionTookEffectAMinuteBeforeDeparture_IsRefused_ThoughStoredScreeningsAreEligible()
    {
        var officer = await factory.BearerAsync(Roles.CaseOfficer);
        var reviewer = await factory.BearerAsync(Roles.LegalReviewer);
        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);
        var escort = await factory.BearerAsync(Roles.EscortOfficer);
        var (x, y) = (Unique("GATE-X"), Unique("GATE-Y"));
        var imported = await officer.PostAsync("/api/imports", new StringContent(
            Custody.Demo.EligiblePerson.Bundle([EligiblePerson(x, "Elsa", "Duarte"), EligiblePerson(y, "Raúl", "Ortiz")]), Encoding.UTF8, "application/json"));
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        var ids = new[] { await factory.PersonIdAsync(x), await factory.PersonIdAsync(y) };
        var tomorrow = factory.Time.Start.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // Granted today, in force from tomorrow (UTC): not blocking yet, so no alert is raised.
        var protection = await reviewer.PostAsJsonAsync($"/api/people/{ids[0]}/protections",
            new { kind = "withholding-of-removal", status = "granted", countries = new[] { "SV" }, effectiveFrom = tomorrow, source = "Immigration judge" });
        Assert.Equal(HttpStatusCode.Created, protection.StatusCode);
        var manifest = await CreateManifestAsync(supervisor, departure: factory.At(TimeSpan.FromMinutes(45)));
        var boarded = await LockedAndBoardedAsync(supervisor, escort, manifest, [(ids[0], x), (ids[1], y)]);
        Assert.All(boarded["people"]!.AsArray(), p => Assert.Equal("eligible", p!["screeningOutcome"]!.GetValue<string>()));
        Assert.Null(PersonOn(boarded, ids[0])["alert"]);

        // 00:02: the protection has been in force since 00:00; the stored screenings are ten minutes old and eligible.
        factory.Time.Advance(TimeSpan.FromMinutes(32));
        // Bearer tokens live fifteen minutes: sign in again after the clock moved.
        supervisor = await factory.BearerAsync(Roles.TransferSupervisor);
        escort = await factory.BearerAsync(Roles.EscortOfficer);
        var refused = await supervisor.PostAsJsonAsync($"/api/manifests/{manifest}/depart", new { departedAt = factory.At(TimeSpan.FromMinutes(31)) });
        var problem = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("protection-covers-destination", problem, StringComparison.Ordinal);
        Assert.Contains(x, problem, StringComparison.Ordinal);
        var view = await OkAsync(supervisor.GetAsync($"/api/manifests/{manifest}"));
        Assert.Equal("locked", view["status"]!.GetValue<string>());

        await OkAsync(escort.PostAsJsonAsync($"/api/manifests/{manifest}/people/{ids[0]}/disembark", new { reason = "withholding of removal in force" }));
        var departed = await OkAsync(supervisor.PostAsJsonAsync($"/api/manifests/{manifest}/depart", new { }));
        Assert.Equal("departed", departed["status"]!.GetValue<string>());
        Assert.Equal(1, departed["counts"]!["departed"]!.GetValue<int>());
    }
}
