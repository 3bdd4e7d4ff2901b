using Microsoft.AspNetCore.Identity;

namespace Custody.Access;

/// <summary>The one way Custody's account code treats a refusal by Identity's store: a bug, not user input (inputs are validated first).</summary>
public static class IdentityResults
{
    /// <exception cref="InvalidOperationException">The store refused the change.</exception>
    public static void Require(IdentityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The account store refused the change: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
