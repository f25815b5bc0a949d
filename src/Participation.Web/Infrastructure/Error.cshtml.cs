using System.Diagnostics;
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

    // From the route only: a re-executed form post may carry a field of the same name.
    public void OnGet([FromRoute] int? code) => Describe(code);
    public void OnPost([FromRoute] int? code) => Describe(code);

    private void Describe(int? code)
    {
        // Re-executed for a status code: keep it. Without one, it is the page for an exception.
        var status = code is >= 400 and <= 599 ? code.Value : StatusCodes.Status500InternalServerError;
        Response.StatusCode = status;
        (Heading, Explanation) = status switch
        {
            404 => ("Page introuvable", "Cette page n'existe pas ou a été déplacée. Vérifiez l'adresse, ou repartez de l'accueil."),
            403 => ("Accès refusé", "Cette page est réservée à d'autres personnes."),
            429 => ("Trop d'essais", "Vous avez fait beaucoup d'essais en peu de temps. Attendez une minute, puis réessayez."),
            400 => ("Demande incomprise", "La demande n'a pas pu être lue. Rechargez la page et réessayez."),
            _ => ("Un problème est survenu", "Le site a rencontré une erreur. Ce que vous avez saisi n'a pas été enregistré. Réessayez dans un instant."),
        };
        if (status >= 500)
        {
            RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        }
    }
}
