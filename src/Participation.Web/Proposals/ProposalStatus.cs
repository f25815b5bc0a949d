using Participation.Web.Shared;

namespace Participation.Web.Proposals;

public enum ProposalStatus
{
    Deposited,
    Published,
    RetainedByCouncil,
    SentToDepartment,
    Integrated,
    Done,
    NotRetained,
    Merged,

    /// <summary>Refused at moderation, before ever being published: only its authors and staff see it.</summary>
    Declined,
}

/// <summary>
/// The road a proposal travels, one step at a time, and who may move it. Refusing or merging
/// always says why: in public once published; to its authors alone when moderation declines it,
/// since what is declined (a name, a disclosure) must never be shown.
/// </summary>
public static class Lifecycle
{
    public const int ReasonMaxLength = 1000;

    /// <summary>The main road, in order.</summary>
    public static readonly ProposalStatus[] Road =
    [
        ProposalStatus.Deposited, ProposalStatus.Published, ProposalStatus.RetainedByCouncil,
        ProposalStatus.SentToDepartment, ProposalStatus.Integrated, ProposalStatus.Done,
    ];

    private static readonly string[] Moderation = [.. Roles.Staff];
    private static readonly string[] Council = [.. Roles.Facilitation];
    private static readonly string[] Department = [Roles.Admin];

    private static readonly Dictionary<(ProposalStatus From, ProposalStatus To), string[]> Moves = new()
    {
        [(ProposalStatus.Deposited, ProposalStatus.Published)] = Moderation,
        [(ProposalStatus.Deposited, ProposalStatus.Declined)] = Moderation,
        [(ProposalStatus.Published, ProposalStatus.RetainedByCouncil)] = Council,
        [(ProposalStatus.Published, ProposalStatus.NotRetained)] = Council,
        [(ProposalStatus.Published, ProposalStatus.Merged)] = Council,
        [(ProposalStatus.RetainedByCouncil, ProposalStatus.SentToDepartment)] = Council,
        [(ProposalStatus.RetainedByCouncil, ProposalStatus.NotRetained)] = Council,
        [(ProposalStatus.RetainedByCouncil, ProposalStatus.Merged)] = Council,
        [(ProposalStatus.SentToDepartment, ProposalStatus.Integrated)] = Department,
        [(ProposalStatus.SentToDepartment, ProposalStatus.NotRetained)] = Department,
        [(ProposalStatus.SentToDepartment, ProposalStatus.Merged)] = Department,
        [(ProposalStatus.Integrated, ProposalStatus.Done)] = Department,
    };

    public static bool IsFinal(this ProposalStatus status) => status is ProposalStatus.Done or ProposalStatus.NotRetained or ProposalStatus.Merged or ProposalStatus.Declined;

    /// <summary>The statuses nobody but authors and staff may see; queries filter on it too.</summary>
    public static readonly ProposalStatus[] Unpublished = [ProposalStatus.Deposited, ProposalStatus.Declined];

    public static bool IsPublic(this ProposalStatus status) => !Unpublished.Contains(status);

    public const int LinkMaxLength = 300;

    /// <summary>A link as it is stored and shown: an absolute http or https address without user info, in its encoded form; null for anything else.</summary>
    public static string? NormalisedLink(string? link) =>
        Uri.TryCreate(link?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.UserInfo.Length == 0 ? uri.AbsoluteUri : null;

    /// <summary>Null when the link may go with the step: only « réalisée » takes one, an http or https address that fits once encoded.</summary>
    public static string? CheckLink(ProposalStatus to, string? link)
    {
        if (string.IsNullOrWhiteSpace(link))
        {
            return null;
        }
        if (to != ProposalStatus.Done)
        {
            return "Un lien ne s'ajoute qu'à l'étape «\u00a0réalisée\u00a0», pour montrer ce qui a été fait.";
        }
        return NormalisedLink(link) is not { Length: <= LinkMaxLength }
            ? $"Le lien doit être une adresse complète qui commence par https:// ou http://, de {LinkMaxLength} caractères au plus."
            : null;
    }

    public const int PhotoAltMaxLength = 200;

    /// <summary>Null when a photo may go with the step: only with « réalisée », for one proposal, and said in words for whoever cannot see it.</summary>
    public static string? CheckPhoto(ProposalStatus to, int proposals, string? alt)
    {
        if (to != ProposalStatus.Done)
        {
            return "Une photo ne s'ajoute qu'à l'étape «\u00a0réalisée\u00a0», pour montrer ce qui a été fait.";
        }
        if (proposals != 1)
        {
            return "Une photo se joint à une seule proposition à la fois : ouvrez-la pour la marquer «\u00a0réalisée\u00a0».";
        }
        var words = alt?.Trim() ?? "";
        if (words.Length < 5)
        {
            return "Dites en quelques mots ce que montre la photo, pour les personnes qui ne la voient pas.";
        }
        return words.Length > PhotoAltMaxLength
            ? $"La description de la photo fait au plus {PhotoAltMaxLength} caractères (ici : {words.Length})."
            : null;
    }

    /// <summary>Steps that need a text: why (refused, merged, declined), or what was done (carried out), for everyone to read.</summary>
    public static bool NeedsReason(ProposalStatus to) => to is ProposalStatus.NotRetained or ProposalStatus.Merged or ProposalStatus.Declined or ProposalStatus.Done;

    public static IReadOnlyList<ProposalStatus> NextSteps(ProposalStatus from, IEnumerable<string> roles)
    {
        var held = roles.ToHashSet();
        return Moves.Where(m => m.Key.From == from && m.Value.Any(held.Contains)).Select(m => m.Key.To).ToList();
    }

    /// <summary>Null when the move is allowed, otherwise the French reason it is not.</summary>
    public static string? Check(ProposalStatus from, ProposalStatus to, IEnumerable<string> roles, string? reason, bool hasPlanLink)
    {
        if (from == to)
        {
            return $"La proposition est déjà « {from.Label()} ».";
        }
        if (!Moves.TryGetValue((from, to), out var allowed))
        {
            if (from.IsFinal())
            {
                return $"La proposition est « {from.Label()} » : son parcours est terminé.";
            }
            var fromIndex = Array.IndexOf(Road, from);
            var toIndex = Array.IndexOf(Road, to);
            if (fromIndex >= 0 && toIndex > fromIndex + 1)
            {
                var skipped = Road.Skip(fromIndex + 1).Take(toIndex - fromIndex - 1).Select(s => $"« {s.Label()} »").ToList();
                return skipped.Count == 1
                    ? $"On ne peut pas passer de « {from.Label()} » à « {to.Label()} » sans l'étape {skipped[0]}."
                    : $"On ne peut pas passer de « {from.Label()} » à « {to.Label()} » sans les étapes {string.Join(", ", skipped)}.";
            }
            return $"On ne peut pas passer de « {from.Label()} » à « {to.Label()} ».";
        }
        if (!allowed.Any(roles.Contains))
        {
            return $"Passer une proposition à « {to.Label()} » est réservé à : {string.Join(", ", allowed.Select(Roles.Label))}.";
        }
        if (NeedsReason(to) && string.IsNullOrWhiteSpace(reason))
        {
            return to switch
            {
                ProposalStatus.Declined => $"Pour « {to.Label()} », écrivez la raison : seule la personne qui l'a proposée la lira, pour qu'elle comprenne.",
                ProposalStatus.Done => $"Pour « {to.Label()} », écrivez ce qui a été fait, concrètement : ce texte sera public, sur la proposition et sur la page de son action.",
                _ => $"Pour « {to.Label()} », écrivez la raison : elle sera publique, pour que l'auteur·rice comprenne.",
            };
        }
        if (reason is { Length: > ReasonMaxLength })
        {
            return $"La raison fait au plus {ReasonMaxLength} caractères.";
        }
        if (to == ProposalStatus.Integrated && !hasPlanLink)
        {
            return "Pour « intégrée », reliez d'abord la proposition à une action du schéma.";
        }
        return null;
    }

    public static IReadOnlyList<string> AllowedRoles(ProposalStatus from, ProposalStatus to) =>
        Moves.TryGetValue((from, to), out var allowed) ? allowed : [];

    public static string Label(this ProposalStatus status) => status switch
    {
        ProposalStatus.Deposited => "déposée",
        ProposalStatus.Published => "publiée",
        ProposalStatus.RetainedByCouncil => "retenue par le Conseil",
        ProposalStatus.SentToDepartment => "transmise au Département",
        ProposalStatus.Integrated => "intégrée",
        ProposalStatus.Done => "réalisée",
        ProposalStatus.NotRetained => "non retenue",
        ProposalStatus.Merged => "fusionnée",
        ProposalStatus.Declined => "écartée",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>A count of proposals at this step, the label agreeing with it: « 1 publiée », « 3 non retenues ».</summary>
    public static string Counted(this ProposalStatus status, int count) => $"{count} {(count > 1 ? status.PluralLabel() : status.Label())}";

    private static string PluralLabel(this ProposalStatus status) => status switch
    {
        ProposalStatus.Deposited => "déposées",
        ProposalStatus.Published => "publiées",
        ProposalStatus.RetainedByCouncil => "retenues par le Conseil",
        ProposalStatus.SentToDepartment => "transmises au Département",
        ProposalStatus.Integrated => "intégrées",
        ProposalStatus.Done => "réalisées",
        ProposalStatus.NotRetained => "non retenues",
        ProposalStatus.Merged => "fusionnées",
        ProposalStatus.Declined => "écartées",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>A URL-friendly French name, for filters.</summary>
    public static string Slug(this ProposalStatus status) => status switch
    {
        ProposalStatus.Deposited => "deposee",
        ProposalStatus.Published => "publiee",
        ProposalStatus.RetainedByCouncil => "retenue",
        ProposalStatus.SentToDepartment => "transmise",
        ProposalStatus.Integrated => "integree",
        ProposalStatus.Done => "realisee",
        ProposalStatus.NotRetained => "non-retenue",
        ProposalStatus.Merged => "fusionnee",
        ProposalStatus.Declined => "ecartee",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static ProposalStatus? FromSlug(string? slug) =>
        Enum.GetValues<ProposalStatus>().Cast<ProposalStatus?>().FirstOrDefault(s => s!.Value.Slug() == slug);

    /// <summary>What the status means for the person who spoke, in plain words.</summary>
    public static string Meaning(this ProposalStatus status) => status switch
    {
        ProposalStatus.Deposited => "Reçue. Une personne de l'équipe va la relire avant de la publier.",
        ProposalStatus.Published => "Publiée : tout le monde peut la lire et la soutenir.",
        ProposalStatus.RetainedByCouncil => "Le Conseil des jeunes l'a retenue.",
        ProposalStatus.SentToDepartment => "Elle a été transmise au Département, qui l'étudie.",
        ProposalStatus.Integrated => "Le Département l'a intégrée à son plan d'action.",
        ProposalStatus.Done => "C'est fait : elle a été réalisée.",
        ProposalStatus.NotRetained => "Elle n'a pas été retenue. La raison est expliquée.",
        ProposalStatus.Merged => "Elle a été regroupée avec une proposition qui dit la même chose.",
        ProposalStatus.Declined => "Elle n'a pas été publiée. La raison est expliquée ; personne d'autre que son auteur·rice et l'équipe ne la voit.",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
