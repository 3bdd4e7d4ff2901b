using Custody.Persistence;
using Microsoft.AspNetCore.Identity;

namespace Custody.Access;

/// <summary>
/// Refuses a password that is easy to guess whatever its length (ASVS 6.2.4, 6.2.11, 6.1.2):
/// zxcvbn's estimate, with its lists of common passwords, words, names, keyboard patterns, dates
/// and sequences, plus the account's own words (its e-mail and name) and the words of this service
/// (<see cref="ContextWords"/>), must reach score 3, "safely unguessable". "password1234" and
/// "qwertyuiop12" are twelve characters and score 0; a few unrelated words score 4.
/// </summary>
public sealed class GuessablePassword : IPasswordValidator<CustodyUser>
{
    public const int MinimumScore = 3;

    /// <summary>Words anyone attacking this service would try first, in both of its languages.</summary>
    public static readonly IReadOnlyList<string> ContextWords =
    [
        "custody", "custodia", "transfer", "traslado", "manifest", "manifiesto", "prison", "prision", "prisión", "cecot",
        "ledger", "password", "contraseña", "contrasena", "salvador", "elsalvador", "usa", "government", "gobierno", "admin",
    ];

    public Task<IdentityResult> ValidateAsync(UserManager<CustodyUser> manager, CustodyUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success); // Identity's own validator says a password is required.
        }
        var own = new[] { user.Email, user.UserName, user.DisplayName }
            .OfType<string>()
            .SelectMany(text => text.Split(['@', '.', '-', '_', ' '], StringSplitOptions.RemoveEmptyEntries).Append(text))
            .Where(word => word.Length >= 3);
        var estimate = Zxcvbn.Zxcvbn.MatchPassword(password, [.. ContextWords, .. own]);
        return Task.FromResult(estimate.Score >= MinimumScore
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordGuessable",
                Description = "This password is easy to guess (a common password, a keyboard pattern, or words of your account or of this service). A few unrelated words make a good one.",
            }));
    }
}
