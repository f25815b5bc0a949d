using Participation.Web.Data;

namespace Participation.Web.Infrastructure;

/// <summary>
/// Settings a real deployment needs and the site can run without: outside Development each one
/// missing or left open gets one warning at start, saying what to set.
/// </summary>
public static class ProductionChecks
{
    public static void WarnAboutMissingSettings(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Participation.Production");
        // A setting from an earlier version that is no longer read: said once, in every environment.
        if (!string.IsNullOrWhiteSpace(app.Configuration["Safeguarding:PublicAddress"]))
        {
            logger.LogWarning(
                "Safeguarding:PublicAddress n'est plus lu : l'adresse publique du site se règle désormais dans Site:PublicAddress, " +
                "pour le courriel d'astreinte comme pour les QR codes et les liens. Déplacez-y la valeur {Address}.",
                app.Configuration["Safeguarding:PublicAddress"]);
        }
        if (app.Environment.IsDevelopment())
        {
            return;
        }
        foreach (var warning in RedisWarnings(app.Configuration[$"{RedisOptions.Section}:Redis"]))
        {
            logger.LogWarning("{Warning}", warning);
        }
        // Production does not start without it (DataExtensions); another environment is told.
        if (string.IsNullOrWhiteSpace(app.Configuration[KeyCertificate.PathSetting]))
        {
            logger.LogWarning(
                "Les clés qui protègent les cookies de connexion sont enregistrées sans chiffrement. " +
                "Réglez {Certificate} (un fichier .pfx) et {Password} pour les chiffrer.",
                KeyCertificate.PathSetting, KeyCertificate.PasswordSetting);
        }
        var site = app.Services.GetRequiredService<SiteAddress>();
        if (site.Public is not { } address)
        {
            logger.LogWarning(
                "Site:PublicAddress n'est pas réglé : les QR codes, les feuilles à imprimer et les liens envoyés " +
                "reprennent l'adresse de chaque requête. Réglez-le à l'adresse publique du site, par exemple https://participation.bellerive.fr.");
            return;
        }
        // An https address served by a site without https of its own: a proxy carries it, and until
        // it is named every phone behind it is one address to the limits.
        if (site.IsHttps && !Proxies.Trusted(app.Services) && !ServesHttpsItself(app.Configuration))
        {
            logger.LogWarning(
                "Site:PublicAddress est en https, mais ni Site:KnownProxies ni Site:KnownNetworks n'est réglé : les en-têtes " +
                "X-Forwarded-For et X-Forwarded-Proto du proxy sont ignorés, toutes les limites par adresse comptent le proxy " +
                "comme un seul téléphone et HSTS n'est pas envoyé. Réglez Site:KnownProxies à l'adresse du proxy (127.0.0.1 pour nginx sur la même machine).");
        }
        if (AnyHost(app.Configuration["AllowedHosts"]))
        {
            logger.LogWarning(
                "AllowedHosts accepte tous les noms d'hôte : le site répond à une requête qui se dit adressée à n'importe quel nom. " +
                "Réglez AllowedHosts à {Host}, le nom de Site:PublicAddress.",
                address.Host);
        }
    }

    /// <summary>
    /// What to mend in the Redis settings: the instances believe what comes through Redis (the rooms'
    /// events, the limits), so a server others can reach must ask for a password over TLS. A prefix
    /// left at its default is not a warning: the site refuses to start (<see cref="RedisExtensions"/>).
    /// </summary>
    public static IEnumerable<string> RedisWarnings(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            yield break;
        }
        var redis = StackExchange.Redis.ConfigurationOptions.Parse(setting);
        var onThisMachine = redis.EndPoints.All(endpoint => endpoint switch
        {
            System.Net.IPEndPoint ip => System.Net.IPAddress.IsLoopback(ip.Address),
            System.Net.DnsEndPoint name => name.Host == "localhost",
            _ => false,
        });
        if (!onThisMachine && (string.IsNullOrEmpty(redis.Password) || !redis.Ssl))
        {
            yield return "SignalR:Redis mène à un serveur Redis sur le réseau sans mot de passe ou sans TLS : qui l'atteint peut lire " +
                "et écrire les événements des séances (votes, idées, exclusions) et les compteurs des limites. Ajoutez password=… et " +
                "ssl=true au réglage, ou gardez Redis sur une adresse que seules les instances du site atteignent.";
        }
    }

    private static bool AnyHost(string? allowedHosts) =>
        string.IsNullOrWhiteSpace(allowedHosts)
        || allowedHosts.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is var hosts && (hosts.Length == 0 || hosts.Contains("*"));

    private static bool ServesHttpsItself(IConfiguration configuration) =>
        (configuration["urls"] ?? "").Contains("https://", StringComparison.OrdinalIgnoreCase)
        || !string.IsNullOrWhiteSpace(configuration["https_ports"])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Any(endpoint => endpoint["Url"]?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true);
}
