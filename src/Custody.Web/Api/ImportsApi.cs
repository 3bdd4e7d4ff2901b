using System.Security.Claims;
using System.Text.Json.Nodes;
using Custody.Common;
using Custody.Imports;
using Custody.Web.Auth;
using Custody.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Custody.Web.Api;

/// <summary>Import a case bundle or an agreement, all or nothing.</summary>
public static class ImportsApi
{
    /// <summary>A case bundle of 100,000 people is about 60 MB; this leaves room without inviting abuse.</summary>
    public const long MaxBytes = 512L * 1024 * 1024;

    public static void MapImportsApi(this IEndpointRouteBuilder api)
    {
        api.MapPost("/imports", ImportAsync)
            .WithTags("Imports")
            .RequireAuthorization(Policies.Import)
            .Accepts<JsonObject>("application/json")
            .WithSummary("Import a case bundle (custody.case-bundle/1) or agreement (custody.agreement/1). Invalid input: 400 with every error by JSON Pointer, nothing written.")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBytes))
            .AsHeavy();
    }

    private static async Task<Answer<ImportSummary>> ImportAsync(HttpRequest request, ImportFile import, IAuthorizationService authorization, CancellationToken ct)
    {
        var path = Path.GetTempFileName();
        try
        {
            await using (var file = File.Create(path))
            {
                await request.Body.CopyToAsync(file, ct);
            }
            return Answer<ImportSummary>.From(await RunAsync(path, request.HttpContext.User, import, authorization, ct));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Checks the policy the file's format needs, then imports; Forbidden when the user may not import this kind of file.</summary>
    public static async Task<Result<ImportSummary>> RunAsync(string path, ClaimsPrincipal user, ImportFile import, IAuthorizationService authorization, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(import);
        ArgumentNullException.ThrowIfNull(authorization);
        Stream Open() => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var policy = ImportFile.TryDetectFormat(Open) == FormatSchemas.AgreementFormat ? Policies.ImportAgreements : Policies.ImportPeople;
        if (!(await authorization.AuthorizeAsync(user, policy)).Succeeded)
        {
            return new Forbidden(policy == Policies.ImportAgreements ? "Importing an agreement needs a legal reviewer or transfer supervisor." : "Importing a case bundle needs a case officer or legal reviewer.");
        }
        return await import.HandleAsync(Open, ApiResults.ViewerOf(user).Actor, null, ct);
    }
}
