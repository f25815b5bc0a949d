using Participation.Web.Data;

namespace Participation.Web.Infrastructure;

/// <summary>
/// Settings a real deployment needs and the site can run without: outside Development each one
/// missing gets one warning at start, saying what to set.
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
        if (string.IsNullOrWhiteSpace(app.Configuration[KeyCertificate.PathSetting]))
        {
            logger.LogWarning(
                "Les clés qui protègent les cookies de connexion sont enregistrées sans chiffrement. " +
                "Réglez {Certificate} (un fichier .pfx) et {Password} pour les chiffrer.",
                KeyCertificate.PathSetting, KeyCertificate.PasswordSetting);
        }
        if (app.Services.GetRequiredService<SiteAddress>().Public is null)
        {
            logger.LogWarning(
                "Site:PublicAddress n'est pas réglé : les QR codes, les feuilles à imprimer et les liens envoyés " +
                "reprennent l'adresse de chaque requête. Réglez-le à l'adresse publique du site, par exemple https://participation.bellerive.fr.");
        }
    }
}
