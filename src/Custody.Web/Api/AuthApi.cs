using System.Globalization;
using Custody.Persistence;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Custody.Web.Api;

/// <summary>
/// Bearer tokens for machine clients, against the same accounts and throttle as the sign-in page.
/// Access tokens live fifteen minutes; the refresh token gets a new one only while the account's
/// security stamp is unchanged (not disabled, not reset, no role revoked since).
/// </summary>
public static class AuthApi
{
    /// <summary>An account with a second factor sends its authenticator's current code, or one of its recovery codes.</summary>
    public sealed record TokenRequest(string Email, string Password, string? TwoFactorCode = null, string? RecoveryCode = null);

    public sealed record RefreshRequest(string? RefreshToken);

    public const string RateLimitPolicy = "sign-in";

    public static void MapAuthApi(this IEndpointRouteBuilder api)
    {
        api.MapPost("/auth/token", async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> (TokenRequest request, Custody.Web.Auth.PasswordSignIn signIn, HttpContext http) =>
            {
                if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                    {
                        [string.IsNullOrWhiteSpace(request.Email) ? "email" : "password"] = ["Required."],
                    });
                }
                var result = await signIn.SignInAsync(request.Email, request.Password, IdentityConstants.BearerScheme, request.TwoFactorCode, request.RecoveryCode);
                if (result.Succeeded)
                {
                    // The bearer handler has written the token response.
                    return TypedResults.Empty;
                }
                if (result.RetryAfter is { } wait)
                {
                    var seconds = (int)Math.Ceiling(wait.TotalSeconds);
                    http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                    return TypedResults.Problem($"Too many failed attempts; try again in {seconds} seconds.", statusCode: StatusCodes.Status429TooManyRequests, title: "Sign-in held back");
                }
                return TypedResults.Problem(result.SecondStep switch
                {
                    Custody.Web.Auth.PasswordSignIn.SecondStepCode => "The account signs in with a second factor: send its current code as twoFactorCode (or a recovery code as recoveryCode); a code is accepted once.",
                    Custody.Web.Auth.PasswordSignIn.SecondStepEnrol => "The account must enrol a second factor first: sign in once on the sign-in page.",
                    _ => "Wrong email or password.",
                }, statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
            })
            .WithTags("Auth")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicy)
            .WithSummary("Exchange an email and password (and, for an account with a second factor, twoFactorCode or recoveryCode) for a bearer token (fifteen minutes) and a refresh token (eight hours).")
            // The bearer handler writes the token (the typed answer is empty), and the problems' statuses are stated here.
            .Produces<AccessTokenResponse>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapPost("/auth/refresh", async Task<Results<SignInHttpResult, ProblemHttpResult>> (RefreshRequest request, SignInManager<CustodyUser> signIn, IOptionsMonitor<BearerTokenOptions> options, TimeProvider time) =>
            {
                var ticket = string.IsNullOrEmpty(request.RefreshToken) ? null
                    : options.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
                // A refresh token outlives nothing: expired, or issued before the account's stamp changed, it is refused.
                // Nor does a chain of refreshes: twelve hours after the sign-in, the holder signs in again.
                if (ticket?.Properties.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires
                    || Custody.Web.Auth.PasswordSignIn.Expired(ticket.Principal, time)
                    || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user
                    || Custody.Access.Accounts.IsDisabled(user.LockoutEnd))
                {
                    return TypedResults.Problem("The refresh token is not valid; sign in again.", statusCode: StatusCodes.Status401Unauthorized, title: "Refresh refused");
                }
                var renewed = await signIn.CreateUserPrincipalAsync(user);
                var identity = (System.Security.Claims.ClaimsIdentity)renewed.Identity!;
                identity.AddClaims(ticket.Principal.Claims.Where(c => c.Type is Custody.Web.Auth.PasswordSignIn.AuthTimeClaim or Custody.Web.Auth.PasswordSignIn.MethodClaim)
                    .Select(c => new System.Security.Claims.Claim(c.Type, c.Value)));
                return TypedResults.SignIn(renewed, authenticationScheme: IdentityConstants.BearerScheme);
            })
            .WithTags("Auth")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicy)
            .WithSummary("Exchange a refresh token for a new bearer token, while the account is enabled and its sign-in unchanged since.")
            .Produces<AccessTokenResponse>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
    }
}
