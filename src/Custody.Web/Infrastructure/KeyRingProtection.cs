using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Custody.Web.Infrastructure;

/// <summary>
/// The Data Protection key ring opens every session cookie and the protected log key, so at rest it
/// is encrypted with an operator's certificate when one is given (<c>Custody:DataProtection:Certificate</c>,
/// a PKCS#12 file, and <c>CertificatePassword</c>): a copy of the data directory without the
/// certificate then opens nothing. Certificates replaced earlier stay listed under
/// <c>PreviousCertificates</c> so the keys they encrypted still open (ASVS 11.1.1, 13.3.1).
/// </summary>
public static class KeyRingProtection
{
    public static void ProtectWithConfiguredCertificate(IDataProtectionBuilder dataProtection, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(dataProtection);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Custody:DataProtection");
        var path = section["Certificate"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return;
        }
        var password = section["CertificatePassword"];
        var current = Load("Custody:DataProtection:Certificate", path, password);
        var previous = (section.GetSection("PreviousCertificates").Get<string[]>() ?? [])
            .Select((p, i) => Load($"Custody:DataProtection:PreviousCertificates:{i}", p, password)).ToArray();
        dataProtection.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate([current, .. previous]);
    }

    private static X509Certificate2 Load(string setting, string path, string? password)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
            if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
            {
                throw new InvalidOperationException($"Custody refuses to start: {setting} ({path}) holds no RSA private key; the key ring needs one to be opened again.");
            }
            return certificate;
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Custody refuses to start: {setting} ({path}) cannot be read as a PKCS#12 certificate with its private key ({ex.Message}).", ex);
        }
    }
}
