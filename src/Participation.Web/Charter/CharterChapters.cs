using Participation.Web.Shared;

namespace Participation.Web.Charter;

/// <summary>
/// The charter's chapters: the daily-life themes the young people raised, then schooling, leisure,
/// family ties and leaving care. Each is a theme, so a practice and its grounds speak the same words.
/// </summary>
public static class CharterChapters
{
    public static IReadOnlyList<Theme> All { get; } =
    [
        Theme.SocialLife, Theme.Digital, Theme.Food, Theme.Health, Theme.Privacy, Theme.Identity,
        Theme.School, Theme.Leisure, Theme.FamilyTies, Theme.LeavingCare,
    ];

    public static string Title(Theme chapter) => chapter switch
    {
        Theme.SocialLife => "Une vie sociale ordinaire",
        Theme.Digital => "Le téléphone et internet",
        Theme.Food => "Bien manger",
        Theme.Health => "Son corps et prendre soin de soi",
        Theme.Privacy => "L'intimité",
        Theme.Identity => "Son identité, son histoire",
        Theme.School => "L'école",
        Theme.Leisure => "Les loisirs",
        Theme.FamilyTies => "Les liens avec sa famille",
        Theme.LeavingCare => "Préparer la sortie de l'ASE",
        _ => throw new ArgumentOutOfRangeException(nameof(chapter), chapter, "Not a chapter of the charter."),
    };

    /// <summary>A picture for readers who read little, beside the title and never instead of it.</summary>
    public static string Picture(Theme chapter) => chapter switch
    {
        Theme.SocialLife => "🧑‍🤝‍🧑",
        Theme.Digital => "📱",
        Theme.Food => "🍽️",
        Theme.Health => "🩺",
        Theme.Privacy => "🚪",
        Theme.Identity => "🪪",
        Theme.School => "🎒",
        Theme.Leisure => "⚽",
        Theme.FamilyTies => "🏠",
        Theme.LeavingCare => "🧭",
        _ => "",
    };

    /// <summary>The chapter's place in the charter, from 1.</summary>
    public static int Number(Theme chapter) => All.ToList().IndexOf(chapter) + 1;

    public static Theme? FromSlug(string? slug) => Themes.FromSlug(slug) is { } theme && All.Contains(theme) ? theme : null;
}
