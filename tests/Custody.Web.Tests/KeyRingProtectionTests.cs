using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Custody.Web.Tests;

/// <summary>
/// With an operator's certificate the Data Protection key ring is encrypted at rest, opens again
/// after a restart with the same certificate, and opens nothing without it.
/// </summary>
public sealed class KeyRingProtectionTests
{
    private const string CertificatePassword = "key-ring-test";

    [Fact]
    public async Task WithACertificate_TheKeyRingIsEncryptedAtRest_AndOpensAgainOnlyWithIt()
    {
        var certificate = CreateCertificate();
        string directory;
        string firstKey;
        using (var first = new CustodyWebFactory { DeleteDataOnDispose = false })
        {
            directory = first.DataDirectory;
            using var protectedRing = WithCertificate(first, certificate);
            firstKey = await LogKeyAsync(protectedRing);
        }
        var keyFiles = Directory.GetFiles(Path.Combine(directory, "keys"), "key-*.xml");

        using var again = new CustodyWebFactory { DataDirectory = directory, DeleteDataOnDispose = false };
        using var reopened = WithCertificate(again, certificate);
        var secondKey = await LogKeyAsync(reopened);
        using var withoutIt = new CustodyWebFactory { DataDirectory = directory };
        var refused = Assert.ThrowsAny<Exception>(() => withoutIt.CreateClient());

        Assert.NotEmpty(keyFiles);
        Assert.All(keyFiles, f =>
        {
            var xml = File.ReadAllText(f);
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("unencrypted form", xml, StringComparison.Ordinal);
        });
        Assert.Equal(firstKey, secondKey);
        Assert.IsAssignableFrom<CryptographicException>(refused is CryptographicException ? refused : refused.GetBaseException());
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("wrong-password")]
    [InlineData("no-private-key")]
    public void AnUnusableCertificate_RefusesTheStart_NamingTheSetting(string problem)
    {
        var path = CreateCertificate();
        var password = CertificatePassword;
        if (problem == "missing")
        {
            path += ".absent";
        }
        else if (problem == "wrong-password")
        {
            password = "not-" + CertificatePassword;
        }
        else
        {
            using var full = X509CertificateLoader.LoadPkcs12FromFile(path, CertificatePassword);
            File.WriteAllBytes(path, X509CertificateLoader.LoadCertificate(full.Export(X509ContentType.Cert)).Export(X509ContentType.Pkcs12, CertificatePassword));
        }
        using var factory = new CustodyWebFactory();
        using var configured = factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Custody:DataProtection:Certificate", path);
            b.UseSetting("Custody:DataProtection:CertificatePassword", password);
        });

        var thrown = Assert.ThrowsAny<Exception>(() => configured.CreateClient());
        var refused = Assert.IsType<InvalidOperationException>(thrown is InvalidOperationException ? thrown : thrown.GetBaseException() as InvalidOperationException ?? thrown);

        Assert.StartsWith("Custody refuses to start: Custody:DataProtection:Certificate", refused.Message, StringComparison.Ordinal);
    }

    private static WebApplicationFactory<Program> WithCertificate(CustodyWebFactory factory, string path) => factory.WithWebHostBuilder(b =>
    {
        b.UseSetting("Custody:DataProtection:Certificate", path);
        b.UseSetting("Custody:DataProtection:CertificatePassword", CertificatePassword);
    });

    private static async Task<string> LogKeyAsync(WebApplicationFactory<Program> factory) =>
        await factory.CreateClient().GetStringAsync("/log-key");

    private static string CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=custody-key-ring-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(Directory.CreateTempSubdirectory("custody-keyring-").FullName, "key-ring.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, CertificatePassword));
        return path;
    }
}
