namespace Participation.Web.Safeguarding;

/// <summary>
/// The numbers to call now, each with what it is for, in the words of the person reading: « tu » for
/// young people, « vous » for parents, or a questionnaire's own language.
/// </summary>
public sealed record HelpWords(
    string Label, string Child119, string? Suicide3114, string? Health, string Online3018, string Sms114, string Emergency112)
{
    /// <summary>For 7–10 year-olds: the few numbers meant for them, in their words.</summary>
    public static HelpWords Child { get; } = new(
        "Numéros à appeler maintenant, gratuits",
        "si tu as peur ou si on te fait du mal, jour et nuit",
        null,
        null,
        "si on se moque de toi sur internet",
        "par SMS, si tu ne peux pas parler",
        "si tu es en danger tout de suite");

    public static HelpWords Young { get; } = new(
        "Numéros à appeler maintenant, gratuits",
        "Allô enfance en danger, gratuit, jour et nuit",
        "si tu penses au suicide, jour et nuit",
        "Fil Santé Jeunes, anonyme et gratuit",
        "harcèlement en ligne",
        "par SMS, si tu ne peux pas parler",
        "urgence, si tu es en danger tout de suite");

    public static HelpWords Parents { get; } = new(
        "Numéros à appeler maintenant, gratuits",
        "Allô enfance en danger, si un enfant est en danger, jour et nuit",
        "si vous pensez au suicide, ou pour un proche",
        "Fil Santé Jeunes, pour les 11–25 ans, anonyme et gratuit",
        "harcèlement en ligne",
        "par SMS, si vous ne pouvez pas parler",
        "urgence, si vous êtes en danger tout de suite");

    public static HelpWords For(Writer writer) => writer switch
    {
        Writer.Child => Child,
        Writer.Parent or Writer.Adult => Parents,
        _ => Young,
    };
}

/// <summary>What the author of a held text reads at once: never « bloqué », always that a person will read it.</summary>
public static class HeldWords
{
    public static string Urgent(Writer writer) => writer switch
    {
        Writer.Child => "Merci de nous l'avoir écrit. Un adulte de l'équipe va le lire très vite. Si tu as peur ou si on te fait du mal, appelle le 119.",
        Writer.Young => "Merci de nous l'avoir écrit. Un adulte de l'équipe va lire ton message très vite. Si tu es en danger maintenant, tu peux appeler :",
        _ => "Merci de nous l'avoir écrit. Une personne de l'équipe va lire votre message très vite. Si vous ou un enfant êtes en danger maintenant, vous pouvez appeler :",
    };

    public static string PersonalDetails(Writer writer) => writer == Writer.Child
        ? "Ne donne pas ton numéro, ton adresse ni le nom de ton école ici. Un adulte de l'équipe va relire ton message avant que les autres le voient."
        : "Ne donne pas ton numéro, ton adresse ni le nom de ton école ici : une personne de l'équipe va relire ton message avant que les autres le voient.";
}
