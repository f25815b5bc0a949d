namespace Participation.Web.Testimonies;

/// <summary>
/// The words a person agrees to, one version at a time. Each testimony records the version shown,
/// so that what someone said yes to can always be read again, even after the words change.
/// </summary>
public sealed record ConsentText(string Version, IReadOnlyList<string> ToYoung, IReadOnlyList<string> ToAdult)
{
    public const string CurrentVersion = "2026-12-b";

    public static ConsentText Current { get; } = new(
        CurrentVersion,
        [
            "Ce que tu dis aide à changer la protection de l'enfance. L'équipe le lit et l'écoute.",
            "Tu choisis ce qui est publié : ton texte, ta voix, ta photo, ou rien du tout.",
            "La voix transformée est plus dure à reconnaître. Mais ce n'est pas de l'anonymat : quelqu'un qui te connaît bien peut te reconnaître.",
            "Ton nom n'est jamais publié. Ne dis pas de nom, d'adresse, d'école ni de foyer : sinon l'équipe l'enlève.",
            "Tu peux tout retirer plus tard avec ton code, sans compte : tout est effacé.",
            "Si ce que tu dis fait penser que tu es en danger, l'équipe garde ce qu'il faut pour te protéger, même après un retrait.",
            "La voix et les photos sont effacées 3 mois après la fin du micro-trottoir ; ce qui a été écrit reste.",
        ],
        [
            "Ce que vous dites sert à améliorer la protection de l'enfance dans le département. L'équipe le lit, l'écoute, et peut s'en servir pour écrire le schéma.",
            "Vous choisissez ce qui peut être publié sur le mur : votre texte, votre voix telle quelle, votre voix transformée, votre photo, ou rien du tout.",
            "La voix transformée est plus difficile à reconnaître, mais ce n'est pas de l'anonymat : vos mots, votre façon de parler, votre accent restent. Une personne qui vous connaît bien peut vous reconnaître.",
            "Votre nom n'est jamais publié. Le mur indique seulement « un parent » ou « un·e professionnel·le ».",
            "Ne citez ni nom, ni adresse, ni établissement. Si vous le faites, l'équipe l'enlève avant de publier.",
            "Vous pouvez tout retirer plus tard avec votre code de retrait, sans compte : le texte, la voix et la photo sont alors effacés.",
            "Si vos mots font penser qu'un enfant est en danger, l'équipe garde ce qu'il faut pour le protéger, même après un retrait.",
            "La voix et les photos sont effacées 3 mois après la fin du micro-trottoir ; la transcription et la description de la photo restent.",
        ]);

    private static readonly Dictionary<string, ConsentText> Versions = new() { [CurrentVersion] = Current };

    public static ConsentText? Find(string version) => Versions.GetValueOrDefault(version);
}
