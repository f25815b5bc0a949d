namespace Participation.Web.Shared;

/// <summary>What a word is about, in the subjects young people raised; proposals, sessions and consultations share them.</summary>
[Flags]
public enum Theme
{
    None = 0,
    Food = 1 << 0,
    Privacy = 1 << 1,
    Digital = 1 << 2,
    SocialLife = 1 << 3,
    Health = 1 << 4,
    School = 1 << 5,
    Leisure = 1 << 6,
    Identity = 1 << 7,
    FamilyTies = 1 << 8,
    LeavingCare = 1 << 9,
    Rights = 1 << 10,
    DailyLife = 1 << 11,
}

public static class Themes
{
    public static IReadOnlyList<Theme> All { get; } = Enum.GetValues<Theme>().Where(t => t != Theme.None).ToList();

    public static IEnumerable<Theme> Split(this Theme themes) => All.Where(t => themes.HasFlag(t));

    public static string Label(this Theme theme) => theme switch
    {
        Theme.Food => "alimentation",
        Theme.Privacy => "intimité",
        Theme.Digital => "numérique",
        Theme.SocialLife => "vie sociale",
        Theme.Health => "santé",
        Theme.School => "scolarité",
        Theme.Leisure => "loisirs",
        Theme.Identity => "identité",
        Theme.FamilyTies => "liens familiaux",
        Theme.LeavingCare => "sortie de l'ASE",
        Theme.Rights => "droits",
        Theme.DailyLife => "vie quotidienne",
        _ => throw new ArgumentOutOfRangeException(nameof(theme), theme, null),
    };

    public static string Slug(this Theme theme) => theme switch
    {
        Theme.Food => "alimentation",
        Theme.Privacy => "intimite",
        Theme.Digital => "numerique",
        Theme.SocialLife => "vie-sociale",
        Theme.Health => "sante",
        Theme.School => "scolarite",
        Theme.Leisure => "loisirs",
        Theme.Identity => "identite",
        Theme.FamilyTies => "liens-familiaux",
        Theme.LeavingCare => "sortie-ase",
        Theme.Rights => "droits",
        Theme.DailyLife => "vie-quotidienne",
        _ => throw new ArgumentOutOfRangeException(nameof(theme), theme, null),
    };

    public static Theme? FromSlug(string? slug) => All.Cast<Theme?>().FirstOrDefault(t => t!.Value.Slug() == slug);
}
