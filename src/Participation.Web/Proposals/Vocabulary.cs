namespace Participation.Web.Proposals;

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

public static class Vocabulary
{
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
}
