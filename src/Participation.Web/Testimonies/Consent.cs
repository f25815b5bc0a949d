namespace Participation.Web.Testimonies;

/// <summary>
/// The words a person agrees to, one version at a time. Each testimony records the version shown,
/// so that what someone said yes to can always be read again, even after the words change.
/// </summary>
public sealed record ConsentText(string Version, IReadOnlyList<string> ToYoung, IReadOnlyList<string> ToAdult)
{
    public const string CurrentVersion = "2026-12";

    public static ConsentText Current { get; } = new(
        CurrentVersion,
        [
            "Ce que tu dis sert à changer la protection de l'enfance dans le département. L'équipe le lit, l'écoute, et peut s'en servir pour écrire le schéma.",
            "Tu choisis ce qui peut être publié sur le mur : ton texte, ta voix telle quelle, ta voix transformée, ta photo, ou rien du tout.",
            "La voix transformée est plus difficile à reconnaître, mais ce n'est pas de l'anonymat : tes mots, ta façon de parler, ton accent restent. Quelqu'un qui te connaît bien peut te reconnaître.",
            "Ton nom n'est jamais publié. Le mur dit seulement ton âge (« un·e jeune de 15–17 ans ») ou ton pseudo si tu le veux.",
            "Ne dis pas de nom, d'adresse, de nom d'école ou de foyer. Si tu le fais, l'équipe l'enlève avant de publier.",
            "Tu peux tout retirer plus tard avec ton code de retrait, sans compte : le texte, la voix et la photo sont alors effacés.",
            "La voix et les photos publiées sont effacées 3 mois après la fin du micro-trottoir ; la transcription et la description de la photo restent.",
        ],
        [
            "Ce que vous dites sert à améliorer la protection de l'enfance dans le département. L'équipe le lit, l'écoute, et peut s'en servir pour écrire le schéma.",
            "Vous choisissez ce qui peut être publié sur le mur : votre texte, votre voix telle quelle, votre voix transformée, votre photo, ou rien du tout.",
            "La voix transformée est plus difficile à reconnaître, mais ce n'est pas de l'anonymat : vos mots, votre façon de parler, votre accent restent. Une personne qui vous connaît bien peut vous reconnaître.",
            "Votre nom n'est jamais publié. Le mur indique seulement « un parent » ou « un·e professionnel·le ».",
            "Ne citez ni nom, ni adresse, ni établissement. Si vous le faites, l'équipe l'enlève avant de publier.",
            "Vous pouvez tout retirer plus tard avec votre code de retrait, sans compte : le texte, la voix et la photo sont alors effacés.",
            "La voix et les photos publiées sont effacées 3 mois après la fin du micro-trottoir ; la transcription et la description de la photo restent.",
        ]);

    private static readonly Dictionary<string, ConsentText> Versions = new() { [CurrentVersion] = Current };

    public static ConsentText? Find(string version) => Versions.GetValueOrDefault(version);
}
