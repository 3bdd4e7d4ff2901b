using System.Security.Cryptography;
using System.Text;
using Custody.Access;
using Custody.Persistence;

namespace Custody.Core.Tests.Common;

/// <summary>
/// The breached-password list is searched on disk by bisection: a hash is found wherever its line
/// falls (first, last, middle, a line of another length), and one beside it is not.
/// </summary>
public sealed class BreachedPasswordTests : IDisposable
{
    private static readonly string[] Breached = ["correct horse battery staple", "Tr0ub4dor&3", "hunter2", "first of many", "zzz last one"];

    private readonly string _path = Path.Combine(Path.GetTempPath(), "breached-" + Guid.NewGuid().ToString("N") + ".txt");

    public BreachedPasswordTests()
    {
        // Pwned Passwords' shape: upper-case SHA-1, a colon, a count of any width, CRLF; in hash order.
        var random = new Random(7);
        var lines = Enumerable.Range(0, 2000).Select(_ => Convert.ToHexString(RandomNumberGenerator.GetBytes(20)))
            .Concat(Breached.Select(Sha1))
            .Order(StringComparer.Ordinal)
            .Select(hash => hash + ":" + random.Next(1, 10_000_000));
        File.WriteAllText(_path, string.Join("\r\n", lines) + "\r\n");
    }

    public void Dispose() => File.Delete(_path);

    [Theory]
    [MemberData(nameof(BreachedPasswords))]
    public async Task APasswordInTheList_IsRefused(string password)
    {
        var result = await new BreachedPassword(BreachedPasswordList.At(_path)).ValidateAsync(null!, new CustodyUser(), password);

        Assert.Equal("PasswordBreached", Assert.Single(result.Errors).Code);
    }

    public static TheoryData<string> BreachedPasswords() => [.. Breached];

    [Theory]
    [InlineData("correct horse battery staplE")]
    [InlineData("Holder-Chosen-Pass-7!")]
    [InlineData("")]
    public async Task APasswordNotInTheList_IsAccepted(string password)
    {
        Assert.True((await new BreachedPassword(BreachedPasswordList.At(_path)).ValidateAsync(null!, new CustodyUser(), password)).Succeeded);
    }

    [Fact]
    public void TheFirstAndLastLines_AreFound_AndAFileWithoutTheFinalLineBreakToo()
    {
        var hashes = File.ReadAllLines(_path).Select(l => l.Split(':')[0]).ToList();
        var onlyBoth = Path.Combine(Path.GetTempPath(), "breached-" + Guid.NewGuid().ToString("N") + ".txt");
        var pair = new[] { Sha1("aaa"), Sha1("bbb") }.Order(StringComparer.Ordinal).ToList();
        File.WriteAllText(onlyBoth, pair[0] + ":1\r\n" + pair[1] + ":22");
        try
        {
            var two = BreachedPasswordList.At(onlyBoth);
            Assert.True(two.Contains("aaa"));
            Assert.True(two.Contains("bbb"));
            Assert.False(two.Contains("ccc"));
        }
        finally
        {
            File.Delete(onlyBoth);
        }
        var list = BreachedPasswordList.At(_path);
        Assert.Equal(2005, hashes.Count);
        Assert.All(hashes, hash => Assert.True(list.ContainsHash(hash), hash));
        Assert.All(hashes.Take(50), hash => Assert.True(list.ContainsHash(hash.ToLowerInvariant())));
        Assert.False(list.ContainsHash(new string('0', 40)));
        Assert.False(list.ContainsHash(new string('F', 40)));
    }

    [Fact]
    public void WithoutAFile_NothingIsRefused_AndAMissingOrForeignFileRefusesTheStart()
    {
        Assert.False(BreachedPasswordList.None.Contains("hunter2"));
        var missing = Assert.Throws<InvalidOperationException>(() => BreachedPasswordList.At(_path + ".missing"));
        Assert.Contains("Custody:BreachedPasswords:File", missing.Message, StringComparison.Ordinal);
        var foreign = Path.Combine(Path.GetTempPath(), "breached-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllText(foreign, "password,count\r\nhunter2,1\r\n");
        try
        {
            Assert.Throws<InvalidOperationException>(() => BreachedPasswordList.At(foreign));
        }
        finally
        {
            File.Delete(foreign);
        }
    }

#pragma warning disable CA5350 // the list's key, as Pwned Passwords publishes it
    private static string Sha1(string password) => Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(password)));
#pragma warning restore CA5350
}
