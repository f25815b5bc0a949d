using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Participation.Testing;

/// <summary>
/// A certificate for the data-protection keys, as a production site must have: a .pfx made once
/// per test run in a folder of its own, deleted when the run ends.
/// </summary>
public static class KeyCertificateFile
{
    public const string Password = "cles-des-tests";

    private static readonly Lazy<string> File = new(Create);

    /// <summary>The settings that give a site the certificate.</summary>
    public static IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["DataProtection:Certificate"] = File.Value,
        ["DataProtection:CertificatePassword"] = Password,
    };

    /// <summary>Writes a new certificate with its private key to <paramref name="path"/>.</summary>
    public static void Write(string path, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Participation cles", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
        System.IO.File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
    }

    private static string Create()
    {
        var folder = new TemporaryFolder("participation-key-certificate");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => folder.Dispose();
        var path = folder.File("cles.pfx");
        Write(path, Password);
        return path;
    }
}

public static class KeyCertificateSettings
{
    /// <summary>These settings with the test run's key certificate added.</summary>
    public static Dictionary<string, string?> WithKeyCertificate(this Dictionary<string, string?> settings)
    {
        foreach (var (key, value) in KeyCertificateFile.Settings)
        {
            settings[key] = value;
        }
        return settings;
    }
}
