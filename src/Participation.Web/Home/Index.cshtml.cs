using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Participation.Web.Content;
using Participation.Web.Shared;

namespace Participation.Web.Home;

[AllowAnonymous]
public sealed class IndexModel(ContentLibrary content) : PageModel
{
    public ContentPage Document { get; } = content.Find("accueil")!;

    public IReadOnlyList<Card> Cards { get; private set; } = [];

    public void OnGet()
    {
        var signedIn = User.Identity?.IsAuthenticated == true;
        Cards =
        [
            signedIn
                ? new Card("Mon espace", "Ce que je peux faire ici.", "/espace", "personne")
                : new Card("Se connecter", "Avec ton pseudonyme ou ton adresse e-mail.", "/compte/connexion", "personne"),
            new Card("Tes droits", "Ce que la loi te garantit, expliqué simplement.", "/droits", "bouclier"),
            new Card("Le schéma", "Le plan du Département, et ce qu'il devient.", "/schema", "arbre"),
            new Card("La charte de l'accueil", "Ce qu'un bon lieu d'accueil fait pour les jeunes, et qui l'a signée.", "/charte", "tampon"),
            new Card("Besoin d'aide", "Les numéros à appeler, gratuits, jour et nuit.", "/aide", "telephone"),
            new Card("Parents : donnez votre avis", "Les questionnaires ouverts aux familles, sans compte, dans votre langue.", "/consultations", "bulle"),
        ];
        if (!signedIn)
        {
            Cards = [.. Cards, new Card("J'ai un code", "Première fois ? Active ton compte avec le code reçu sur papier.", "/compte/activer", "cle")];
        }
    }
}
