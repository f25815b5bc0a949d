using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Participation.Web.Infrastructure;

[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "";
    public string Explanation { get; private set; } = "";
    public string? RequestId { get; private set; }

    // The code is read from the route, with nothing bound: a form played again here may carry a
    // field of the same name, or be the very form that could not be read, and binding reads it.
    public void OnGet() => Describe();
    public void OnPost() => Describe();

    private void Describe()
    {
        // Re-executed for a status code: keep it. Without one, it is the page for an exception.
        var status = int.TryParse(RouteData.Values["code"]?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 400 and <= 599
            ? code
            : StatusCodes.Status500InternalServerError;
        Response.StatusCode = status;
        (Heading, Explanation) = status switch
        {
            404 => ("Page introuvable", "Cette page n'existe pas ou a été déplacée. Vérifiez l'adresse, ou repartez de l'accueil."),
            403 => ("Accès refusé", "Cette page est réservée à d'autres personnes."),
            429 => ("Trop d'essais", "Vous avez fait beaucoup d'essais en peu de temps. Attendez une minute, puis réessayez."),
            400 => ("Demande incomprise", "La demande n'a pas pu être lue. Rechargez la page et réessayez."),
            413 => ("Envoi trop lourd", "Ce que vous avez envoyé dépasse la taille que le site accepte, et rien n'a été enregistré. S'il y avait un fichier, choisissez-en un plus léger, puis réessayez."),
            _ => ("Un problème est survenu", "Le site a rencontré une erreur. Ce que vous avez saisi n'a pas été enregistré. Réessayez dans un instant."),
        };
        if (status >= 500)
        {
            RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        }
    }
}
