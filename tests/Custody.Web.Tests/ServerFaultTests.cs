using System.Net;
using System.Text.Json.Nodes;
using Custody.Common;
using Custody.Persistence;
using Custody.Web.Api;
using Custody.Web.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custody.Web.Tests;

/// <summary>
/// A fault of the server (here: a table gone from under the app) answers 500, in ProblemDetails
/// JSON under /api and with the error page for a page POST, never a 4xx and never a stack trace.
/// Own app: the test breaks its database.
/// </summary>
public sealed class ServerFaultTests(CustodyWebFactory factory) : IClassFixture<CustodyWebFactory>
{
    private async Task DropClassOrdersAsync()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CustodyDbContext>();
        await db.Database.ExecuteSqlRawAsync("DROP TABLE IF EXISTS \"ClassOrders\"");
    }

    [Fact]
    public async Task UnhandledExceptionInApiEndpoint_Answers500ProblemJson()
    {
        var reviewer = await factory.BearerAsync(Roles.LegalReviewer);
        await DropClassOrdersAsync();

        var response = await reviewer.GetAsync("/api/class-orders");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.Equal(500, problem["status"]!.GetValue<int>());
        Assert.NotNull(problem["traceId"]);
        Assert.DoesNotContain("SqliteException", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnhandledExceptionInPagePost_Answers500WithTheErrorPage()
    {
        var reviewer = await factory.SignedInAsync(Roles.LegalReviewer);
        // Any form gives the token; the class-orders page itself may already fail here.
        var form = await reviewer.GetStringAsync("/Imports");
        await DropClassOrdersAsync();

        var response = await reviewer.PostAsync("/ClassOrders?handler=Enter", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Id"] = "fault-1",
            ["Form.Court"] = "US District Court",
            ["Form.Description"] = "Test",
            ["Form.IssuedAt"] = "2025-03-15T23:45:00Z",
            ["Form.Destinations"] = "SV",
            ["__RequestVerificationToken"] = CustodyWebFactory.AntiforgeryToken(form),
        }));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Something went wrong", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(Forbidden), StatusCodes.Status403Forbidden)]
    [InlineData(typeof(NotFound), StatusCodes.Status404NotFound)]
    [InlineData(typeof(Conflict), StatusCodes.Status409Conflict)]
    public void Problem_MapsEachFailureTypeToItsStatus(Type type, int status)
    {
        var failure = (Failure)Activator.CreateInstance(type, "why")!;

        var result = ApiResults.Problem(failure) as IStatusCodeHttpResult;

        Assert.Equal(status, result?.StatusCode);
    }
}
