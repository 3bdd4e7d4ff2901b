using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Custody.Web.Tests.TransferScenario;

namespace Custody.Web.Tests;

/// <summary>
/// The idempotency key commits in the command's own transaction, on both databases: concurrent
/// retries wait and replay, a refused command keeps its answer, and a key is never left without one.
/// </summary>
public abstract class IdempotencyCommitTests(CustodyWebFactory factory)
{
    [Fact]
    public async Task ConcurrentRetries_ReplayTheFirstAnswer_ARefusalIsKeptToo_AndNoKeyIsLeftWithoutAnAnswer()
    {
        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);
        var carrier = "Key Air " + Guid.NewGuid().ToString("N")[..6];
        var body = new { agreementId = "us-sv-2025", carrier, movement = "KA1", originFacilityId = "us-processing-centre", destinationFacilityId = "sv-cecot", scheduledDeparture = Now(60) };
        var key = Guid.NewGuid().ToString();
        var refusedKey = Guid.NewGuid().ToString();
        HttpRequestMessage Post(string k, object payload) => new(HttpMethod.Post, "/api/manifests") { Content = JsonContent.Create(payload), Headers = { { "Idempotency-Key", k } } };

        var burst = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => supervisor.SendAsync(Post(key, body))));
        var refused = await supervisor.SendAsync(Post(refusedKey, new { carrier = "" }));
        var refusedAgain = await supervisor.SendAsync(Post(refusedKey, new { carrier = "" }));

        Assert.All(burst, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single((await Task.WhenAll(burst.Select(r => r.Content.ReadAsStringAsync()))).Distinct());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refusedAgain.StatusCode);
        Assert.Equal("true", refusedAgain.Headers.GetValues("Idempotency-Replayed").Single());
        var board = (await supervisor.GetFromJsonAsync<JsonArray>("/api/manifests"))!;
        Assert.Single(board, m => m!["carrier"]!.GetValue<string>() == carrier);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CustodyDbContext>();
        Assert.Equal(0, await db.IdempotentRequests.CountAsync(r => r.ResponseStatus == null));
        await AssertLedgerVerifiesAsync(factory);
    }
}

public sealed class IdempotencyCommitOnSqliteTests(CustodyWebFactory factory) : IdempotencyCommitTests(factory), IClassFixture<CustodyWebFactory>;

public sealed class IdempotencyCommitOnPostgresTests(PostgresWebFactory factory) : IdempotencyCommitTests(factory), IClassFixture<PostgresWebFactory>;
