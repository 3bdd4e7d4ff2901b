using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custody.Web.Auth;
using Custody.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static Custody.Web.Tests.TransferScenario;

namespace Custody.Web.Tests;

/// <summary>
/// The public locator's lean path (<see cref="PublicReads"/>): an uncredentialed read skips what cannot
/// apply to it, and keeps the guarantees that do; a caller with a token or a cookie takes the whole pipeline.
/// </summary>
public sealed class PublicReadTests(CustodyWebFactory factory) : IClassFixture<CustodyWebFactory>
{
    [Fact]
    public void OnlyTheLocator_IsAPublicRead_AndEveryPublicRead_IsAnAnonymousGet()
    {
        var marked = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Where(PublicReads.IsPublicRead).ToList();

        var locator = Assert.Single(marked);
        Assert.Equal("/api/locator", locator.RoutePattern.RawText);
        Assert.NotNull(locator.Metadata.GetMetadata<IAllowAnonymous>());
        Assert.Equal(["GET"], locator.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods);
    }

    [Fact]
    public async Task WithTheUiCookie_TheLocatorTakesTheWholePipeline_AndACourtGetsTheTimelineLink()
    {
        var person = Unique("LEAN");
        var ids = await ImportAsync(factory, EligiblePerson(person, "Aurelio", "Quintanilla"));
        var query = $"/api/locator?identifier=A{person}&countryOfBirth=SV";

        var anonymous = (await factory.Anonymous().GetFromJsonAsync<JsonArray>(query))!;
        var browser = (await (await factory.SignedInAsync(Roles.CourtUser)).GetFromJsonAsync<JsonArray>(query))!;

        Assert.Null(anonymous.Single()!["personId"]);
        Assert.Equal(ids[0].ToString(), browser.Single()!["personId"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnUncredentialedRead_KeepsTheTypedTextGuard_AndTheErrorMapping()
    {
        var client = factory.Anonymous();

        var control = await client.GetAsync("/api/locator?identifier=A1%07&countryOfBirth=SV");
        var missing = await client.GetAsync("/api/locator?identifier=A1");

        Assert.Equal(HttpStatusCode.BadRequest, control.StatusCode);
        Assert.Equal("application/problem+json", control.Content.Headers.ContentType!.MediaType);
        Assert.NotNull((await control.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["identifier"]);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.NotNull((await missing.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["countryOfBirth"]);
        Assert.Equal("no-store", missing.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task ASignedInUsersLocatorReads_CountAgainstTheirReadLimit_TheAnonymousOnesDoNot()
    {
        using var limited = new CustodyWebFactory { ReadsPerUserPerMinute = 2 };
        var court = await limited.BearerAsync(Roles.CourtUser);
        var anonymous = limited.Anonymous();
        const string query = "/api/locator?identifier=A1&countryOfBirth=SV";

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add((await court.GetAsync(query)).StatusCode);
        }
        var publicAnswers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            publicAnswers.Add((await anonymous.GetAsync(query)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
        Assert.All(publicAnswers, a => Assert.Equal(HttpStatusCode.OK, a));
    }
}
