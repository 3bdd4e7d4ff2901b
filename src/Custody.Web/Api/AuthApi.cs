using Custody.Persistence;
using Microsoft.AspNetCore.Identity;

namespace Custody.Web.Api;

/// <summary>Bearer tokens for machine clients, against the same accounts and lockout as the sign-in page.</summary>
public static class AuthApi
{
    public sealed record TokenRequest(string Email, string Password);

    public const string RateLimitPolicy = "sign-in";

    public static void MapAuthApi(this IEndpointRouteBuilder api)
    {
        api.MapPost("/auth/token", async Task<IResult> (TokenRequest request, Custody.Web.Auth.PasswordSignIn signIn) =>
            {
                if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                    {
                        [string.IsNullOrWhiteSpace(request.Email) ? "email" : "password"] = ["Required."],
                    });
                }
                var result = await signIn.SignInAsync(request.Email, request.Password, IdentityConstants.BearerScheme);
                if (result.Succeeded)
                {
                    // The bearer handler has written the token response.
                    return TypedResults.Empty;
                }
                return TypedResults.Problem(result.IsLockedOut ? "The account is locked after too many failed attempts; try again later." : "Wrong email or password.",
                    statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
            })
            .WithTags("Auth")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicy)
            .WithSummary("Exchange an email and password for a bearer token (one hour).")
            .Produces<Microsoft.AspNetCore.Authentication.BearerToken.AccessTokenResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }
}
