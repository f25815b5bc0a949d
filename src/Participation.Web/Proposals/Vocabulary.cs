namespace Participation.Web.Proposals;

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

public enum Channel
{
    Online,
    CouncilSession,
    Questionnaire,
    VoxPop,
    PeerNetwork,
    Paper,
    Phone,
}

public enum AuthorKind
{
    YoungMember,
    Parent,
    Professional,
    Staff,
}

[Flags]
public enum AgeBandSet
{
    None = 0,
    From7To10 = 1,
    From11To14 = 2,
    From15To17 = 4,
    From18To25 = 8,
}

public static class Vocabulary
{
    public static IReadOnlyList<Theme> Themes { get; } = Enum.GetValues<Theme>().Where(t => t != Theme.None).ToList();

    public static IEnumerable<Theme> Split(this Theme themes) => Themes.Where(t => themes.HasFlag(t));

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

    public static Theme? ThemeFromSlug(string? slug) => Themes.Cast<Theme?>().FirstOrDefault(t => t!.Value.Slug() == slug);

    public static IReadOnlyList<Channel> Channels { get; } = Enum.GetValues<Channel>();

    public static string Label(this Channel channel) => channel switch
    {
        Channel.Online => "en ligne",
        Channel.CouncilSession => "séance du Conseil des jeunes",
        Channel.Questionnaire => "consultation des familles",
        Channel.VoxPop => "micro-trottoir",
        Channel.PeerNetwork => "réseau d'entraide",
        Channel.Paper => "saisie papier",
        Channel.Phone => "par téléphone",
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };

    public static string Slug(this Channel channel) => channel switch
    {
        Channel.Online => "en-ligne",
        Channel.CouncilSession => "conseil",
        Channel.Questionnaire => "consultation",
        Channel.VoxPop => "micro-trottoir",
        Channel.PeerNetwork => "entraide",
        Channel.Paper => "papier",
        Channel.Phone => "telephone",
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };

    public static Channel? ChannelFromSlug(string? slug) => Channels.Cast<Channel?>().FirstOrDefault(c => c!.Value.Slug() == slug);

    public static string Label(this AuthorKind kind) => kind switch
    {
        AuthorKind.YoungMember => "un·e jeune",
        AuthorKind.Parent => "un parent",
        AuthorKind.Professional => "un·e professionnel·le",
        AuthorKind.Staff => "l'équipe du Département",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static AgeBandSet ToSet(this Accounts.AgeBand band) => (AgeBandSet)(1 << (int)band);

    public static IEnumerable<Accounts.AgeBand> Split(this AgeBandSet set) =>
        Accounts.AgeBands.All.Where(b => set.HasFlag(b.ToSet()));

    public static string Slug(this Accounts.AgeBand band) => band switch
    {
        Accounts.AgeBand.From7To10 => "7-10",
        Accounts.AgeBand.From11To14 => "11-14",
        Accounts.AgeBand.From15To17 => "15-17",
        Accounts.AgeBand.From18To25 => "18-25",
        _ => throw new ArgumentOutOfRangeException(nameof(band)),
    };

    public static Accounts.AgeBand? AgeBandFromSlug(string? slug) =>
        Accounts.AgeBands.All.Cast<Accounts.AgeBand?>().FirstOrDefault(b => b!.Value.Slug() == slug);
}
