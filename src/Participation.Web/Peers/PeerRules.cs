using System.Security.Claims;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;

namespace Participation.Web.Peers;

/// <summary>Where a person stands in the network, worked out from their roles and birth year.</summary>
public sealed record PeerStanding(IReadOnlySet<Audience> Audiences, bool Team, bool Child, AgeBand? Band)
{
    public static readonly PeerStanding Outside = new(new HashSet<Audience>(), false, false, null);

    /// <summary>Moderators and administrators read and moderate every circle.</summary>
    public bool MayRead(Circle circle) => Team || Audiences.Contains(circle.Audience);

    public bool MayRead(Audience audience) => Team || Audiences.Contains(audience);

    /// <summary>Under 18: every message is read before it is published.</summary>
    public bool Minor => Band is AgeBand.From7To10 or AgeBand.From11To14 or AgeBand.From15To17;

    public bool InNetwork => Team || Audiences.Count > 0;

    public Writer Writer => Child ? Writer.Child : Band is not null ? Writer.Young : Audiences.Contains(Audience.Parents) ? Writer.Parent : Writer.Adult;
}

/// <summary>The network's rules of membership, in one place for pages, services and the hub.</summary>
public static class PeerRules
{
    /// <summary>
    /// A young member belongs to the circles of their age band, a parent to the pairs-parents';
    /// 7–10 year-olds to none. Membership follows the birth year, so it moves on with the calendar.
    /// </summary>
    public static PeerStanding Standing(Func<string, bool> hasRole, int? birthYear, int currentYear)
    {
        var team = Roles.Moderation.Any(hasRole);
        var audiences = new HashSet<Audience>();
        AgeBand? band = null;
        var child = false;
        if (hasRole(Roles.Young) && birthYear is { } year)
        {
            band = NetworkBand(year, currentYear);
            switch (band)
            {
                case AgeBand.From7To10:
                    child = true;
                    break;
                case AgeBand.From11To14:
                    audiences.Add(Audience.From11To14);
                    break;
                case AgeBand.From15To17:
                    audiences.Add(Audience.From15To17);
                    break;
                case AgeBand.From18To25:
                    audiences.Add(Audience.From18To25);
                    break;
            }
        }
        // A young parent of 18–25 belongs to both; a minor never to the parents', whatever the roles say.
        if (hasRole(Roles.Parent) && band is null or AgeBand.From18To25)
        {
            audiences.Add(Audience.Parents);
        }
        return new PeerStanding(audiences, team, child, band);
    }

    /// <summary>
    /// The network knows a birth year, not a birthday: in the calendar year someone turns 18 they
    /// may still be 17. They stay with the 15–17, every message read first, until 1 January, so that
    /// no minor ever sits in an adult circle.
    /// </summary>
    public static AgeBand? NetworkBand(int birthYear, int currentYear) =>
        AgeBands.AgeIn(currentYear, birthYear) == 18 ? AgeBand.From15To17 : AgeBands.ForBirthYear(birthYear, currentYear);

    public static PeerStanding Standing(ClaimsPrincipal user, int? birthYear, int currentYear) =>
        user.Identity?.IsAuthenticated == true ? Standing(user.IsInRole, birthYear, currentYear) : PeerStanding.Outside;

    public static bool IsMinorAudience(this Audience audience) => audience is Audience.From11To14 or Audience.From15To17;

    public static string Label(this Audience audience) => audience switch
    {
        Audience.From11To14 => "11–14 ans",
        Audience.From15To17 => "15–17 ans",
        Audience.From18To25 => "18–25 ans",
        Audience.Parents => "Pairs-parents",
        _ => throw new ArgumentOutOfRangeException(nameof(audience)),
    };

    /// <summary>Who the circle is for, in a sentence's words: « les jeunes de 15–17 ans », « les parents ».</summary>
    public static string Who(this Audience audience) => audience == Audience.Parents ? "les parents" : $"les jeunes de {audience.Label()}";

    /// <summary>« aux jeunes de 15–17 ans », « aux parents »: French does not say « à les ».</summary>
    public static string ToWhom(this Audience audience) => audience == Audience.Parents ? "aux parents" : $"aux jeunes de {audience.Label()}";

    public static string Slug(this Audience audience) => audience switch
    {
        Audience.From11To14 => "11-14",
        Audience.From15To17 => "15-17",
        Audience.From18To25 => "18-25",
        _ => "parents",
    };

    /// <summary>Parents are spoken to with « vous », young people with « tu ».</summary>
    public static bool SaysVous(this Audience audience) => audience == Audience.Parents;
}

public static class PeerWords
{
    public static string Reaction(ReactionKind kind, bool vous = false) => kind switch
    {
        ReactionKind.Support => vous ? "Je vous soutiens" : "Je te soutiens",
        ReactionKind.Thanks => "Merci",
        _ => "Moi aussi",
    };

    public static string ReactionEmoji(ReactionKind kind) => kind switch
    {
        ReactionKind.Support => "💛",
        ReactionKind.Thanks => "🙏",
        _ => "🤝",
    };

    /// <summary>What the author reads about their waiting message: never « bloqué », always who reads it and why.</summary>
    public static string Held(HoldReason reason, bool vous) => (reason, vous) switch
    {
        (HoldReason.ReadFirst, false) => "Ton message est bien reçu. Une personne de l'équipe le relit avant que le cercle le voie, en général dans la demi-heure en journée.",
        (HoldReason.ReadFirst, true) => "Votre message est bien reçu. Une personne de l'équipe le relit avant que le cercle le voie.",
        (HoldReason.PersonalDetails, false) => "Ton message attend une relecture : il semble donner un numéro, une adresse, un nom d'école ou un pseudo. Ici, on ne donne pas de quoi te retrouver, pour ta sécurité. Une personne de l'équipe va le relire.",
        (HoldReason.PersonalDetails, true) => "Votre message attend une relecture : il semble donner un numéro, une adresse, un nom d'établissement ou un pseudo. Ici, on ne donne pas de quoi retrouver quelqu'un. Une personne de l'équipe va le relire.",
        (HoldReason.MeetUp, false) => "Ton message attend une relecture : il semble proposer de se retrouver quelque part. Ici, on s'entraide en ligne seulement, sans rendez-vous, pour la sécurité de chacun·e. Une personne de l'équipe va le relire.",
        (HoldReason.MeetUp, true) => "Votre message attend une relecture : il semble proposer un rendez-vous. Ici, on s'entraide en ligne seulement, pour la sécurité de chacun. Une personne de l'équipe va le relire.",
        (HoldReason.Safety, _) => HeldWords.Urgent(vous ? Writer.Parent : Writer.Young),
        _ => "",
    };

    public static string Status(PeerActionStatus status) => status switch
    {
        PeerActionStatus.Proposed => "proposée",
        PeerActionStatus.InCouncilVote => "au vote du Conseil des jeunes",
        PeerActionStatus.Adopted => "adoptée",
        PeerActionStatus.ToRevise => "à revoir",
        PeerActionStatus.Rejected => "non retenue",
        PeerActionStatus.Started => "en cours",
        PeerActionStatus.Done => "réalisée",
        _ => status.ToString(),
    };

    public static string Moderation(ModerationKind kind) => kind switch
    {
        ModerationKind.Approved => "publié",
        ModerationKind.Rejected => "non publié",
        ModerationKind.Hidden => "masqué",
        ModerationKind.Restored => "remis en ligne",
        ModerationKind.ReportsDismissed => "signalements classés",
        ModerationKind.PublishedFromCase => "publié depuis son cas",
        ModerationKind.ProposalSuggested => "proposition suggérée",
        _ => kind.ToString(),
    };
}
