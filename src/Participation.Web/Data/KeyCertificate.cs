using System.Security.Cryptography.X509Certificates;

namespace Participation.Web.Data;

/// <summary>
/// The certificate that encrypts the data-protection keys at rest: a PKCS #12 file
/// (<c>DataProtection:Certificate</c>) and its password (<c>DataProtection:CertificatePassword</c>).
/// </summary>
public static class KeyCertificate
{
    public const string PathSetting = "DataProtection:Certificate";
    public const string PasswordSetting = "DataProtection:CertificatePassword";

    /// <summary>Why a production site without the certificate does not start, and what to set.</summary>
    public const string Missing =
        "DataProtection:Certificate n'est pas réglé : les clés qui signent les cookies de connexion seraient enregistrées en clair " +
        "dans la base, et une copie de la base (une sauvegarde, un réplica) suffirait pour se connecter à la place de n'importe qui. " +
        "Donnez au site un certificat .pfx avec sa clé privée (DataProtection__Certificate=/etc/participation/cles.pfx) et son mot de passe " +
        "(DataProtection__CertificatePassword) ; la section « Keys » du README dit comment le faire avec openssl.";

    public static X509Certificate2? Load(IConfiguration configuration)
    {
        var path = configuration[PathSetting];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{PathSetting} : le fichier « {path} » est introuvable.");
        }
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[PasswordSetting], X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new InvalidOperationException($"{PathSetting} : « {path} » ne s'ouvre pas avec le mot de passe donné ({PasswordSetting}).", e);
        }
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"{PathSetting} : « {path} » n'a pas de clé privée ; il en faut une pour relire les clés.");
        }
        return certificate;
    }
}
