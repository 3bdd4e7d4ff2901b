using Custody.Access;
using Custody.Persistence;

namespace Custody.Core.Tests.Common;

/// <summary>Length alone does not make a password: twelve characters of a common pattern, or of the account's own words, are refused.</summary>
public sealed class GuessablePasswordTests
{
    private static readonly CustodyUser Ana = new() { Email = "ana.quintanilla@gov.example", UserName = "ana.quintanilla@gov.example", DisplayName = "Ana Quintanilla" };

    [Theory]
    [InlineData("password1234")]
    [InlineData("qwertyuiop12")]
    [InlineData("iloveyou1234")]
    [InlineData("123456789012")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("quintanilla2026")]
    // zxcvbn alone scores each of these 4; the account's words and the service's make them guessable.
    [InlineData("quintanilla-gov-example")]
    [InlineData("Quintanilla-Custodia-7")]
    [InlineData("custodia traslado manifiesto")]
    [InlineData("cecot custody ledger")]
    public async Task AGuessablePassword_IsRefused(string password)
    {
        var result = await new GuessablePassword().ValidateAsync(null!, Ana, password);

        Assert.False(result.Succeeded);
        Assert.Equal("PasswordGuessable", Assert.Single(result.Errors).Code);
    }

    [Theory]
    [InlineData("second choice of words")]
    [InlineData("a new set of unrelated words")]
    [InlineData("otra frase de palabras sueltas")]
    [InlineData("Test-Password-For-Demo-1!")]
    [InlineData("Holder-Chosen-Pass-7!")]
    public async Task AFewUnrelatedWords_AreAccepted(string password)
    {
        Assert.True((await new GuessablePassword().ValidateAsync(null!, Ana, password)).Succeeded);
    }
}
