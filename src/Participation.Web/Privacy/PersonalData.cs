using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Charter;
using Participation.Web.Council;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Peers;
using Participation.Web.Proposals;
using Participation.Web.Shared;
using Participation.Web.Testimonies;

namespace Participation.Web.Privacy;

/// <summary>
/// Everything the site holds about one person, as they may read it and download it (the right of
/// access). The page and the file are both this one tree, so that they cannot say different things.
/// It carries no secret (no password hash, stamp or code) and names no one else but by pseudonym.
/// Statuses are given in words, and the same words whether or not a text was held for safety:
/// what the team reviewed for safety stays with the team, as <see cref="KeptApart"/> says.
/// </summary>
public sealed record PersonalData(
    DateTimeOffset ExportedAt,
    AccountData Account,
    IReadOnlyList<ProposalData> Proposals,
    IReadOnlyList<SupportData> Supports,
    CouncilData Council,
    IReadOnlyList<TestimonyData> Testimonies,
    PeerData PeerNetwork,
    CharterData Charter,
    IReadOnlyList<NotificationData> Notifications,
    IReadOnlyList<ErasureData> ErasureRequests,
    KeptApart KeptApart)
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Accents and apostrophes stay readable: « Quelqu'un », not « Quelqu\u0027un ». The file is only
        // ever sent as a JSON attachment, with nosniff, so no browser reads it as a page.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>« mes-donnees-participation-2026-12-03.json », dated on the département's clock.</summary>
    public static string FileName(DateTimeOffset now) =>
        $"mes-donnees-participation-{DateOnly.FromDateTime(FrenchDates.ToParis(now).DateTime):yyyy'-'MM'-'dd}.json";

    /// <summary>The person's data, or null when the account no longer exists.</summary>
    public static async Task<PersonalData?> ForMemberAsync(ParticipationDb db, string memberId, DateTimeOffset now)
    {
        var member = await db.Users.AsNoTracking().Where(m => m.Id == memberId)
            .Select(m => new
            {
                m.Pseudonym, m.UserName, m.Email, m.BirthYear, m.RealName, Establishment = m.Establishment!.Name,
                m.CreatedAt, m.ActivatedAt, m.LastSignInAt, m.DeletionWarnedAt,
            })
            .SingleOrDefaultAsync();
        if (member is null)
        {
            return null;
        }
        var roles = await db.UserRoles.Where(ur => ur.UserId == memberId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .ToListAsync();
        var followed = await db.FollowedEstablishments.Where(f => f.FacilitatorId == memberId)
            .Join(db.Establishments, f => f.EstablishmentId, e => e.Id, (_, e) => e.Name)
            .OrderBy(name => name)
            .ToListAsync();
        var young = roles.Contains(Roles.Young);
        var account = new AccountData(
            member.Pseudonym,
            member.UserName,
            member.Email,
            roles.OrderBy(r => Roles.All.ToList().IndexOf(r)).Select(Roles.Label).ToList(),
            member.BirthYear,
            member.BirthYear is { } year ? AgeBands.ForBirthYear(year, FrenchDates.ToParis(now).Year)?.Label() : null,
            // A young person's real name and place of living stay off this screen and this file: a phone
            // is shared in a home, or taken by a parent from whom the placement must stay hidden.
            young ? null : member.RealName,
            member.RealName is null || young ? null : "L'équipe du Département qui pilote le site.",
            young ? null : member.Establishment,
            young && (member.RealName is not null || member.Establishment is not null),
            followed,
            member.CreatedAt,
            member.ActivatedAt,
            member.LastSignInAt,
            member.DeletionWarnedAt);

        return new PersonalData(
            now,
            account,
            await ProposalsAsync(db, memberId),
            await SupportsAsync(db, memberId),
            await CouncilAsync(db, memberId),
            await TestimoniesAsync(db, memberId, young),
            await PeersAsync(db, memberId, PeerRules.Standing(roles.Contains, member.BirthYear, FrenchDates.ToParis(now).Year)),
            await CharterAsync(db, memberId),
            await NotificationsAsync(db, memberId),
            await ErasuresAsync(db, memberId, young),
            KeptApart.For(young));
    }

    private static async Task<IReadOnlyList<ProposalData>> ProposalsAsync(ParticipationDb db, string memberId)
    {
        var rows = await db.Proposals.AsNoTracking()
            .Where(p => p.Authors.Any(a => a.MemberId == memberId))
            .OrderByDescending(p => p.CreatedAt)
            .Select(p => new { p.Id, p.Title, p.Text, p.Status, p.CreatedAt })
            .ToListAsync();
        return rows.Select(p => new ProposalData(p.Id, p.Title, p.Text, p.Status.Label(), p.CreatedAt, $"/propositions/{p.Id}")).ToList();
    }

    private static async Task<IReadOnlyList<SupportData>> SupportsAsync(ParticipationDb db, string memberId) =>
        await db.Supports.AsNoTracking()
            .Where(s => s.MemberId == memberId)
            .Join(db.Proposals, s => s.ProposalId, p => p.Id, (s, p) => new { s.CreatedAt, p.Id, p.Title })
            .OrderByDescending(s => s.CreatedAt)
            .Select(s => new SupportData(s.Id, s.Title, s.CreatedAt, "/propositions/" + s.Id))
            .ToListAsync();

    private static async Task<CouncilData> CouncilAsync(ParticipationDb db, string memberId)
    {
        var registrations = await db.Registrations.AsNoTracking()
            .Where(r => r.MemberId == memberId)
            .Join(db.CouncilSessions, r => r.SessionId, s => s.Id, (r, s) => new { r.CreatedAt, s.Id, s.Title, s.StartsAt })
            .OrderByDescending(r => r.StartsAt)
            .Select(r => new RegistrationData(r.Id, r.Title, r.StartsAt, r.CreatedAt))
            .ToListAsync();
        var participations = await db.Participants.AsNoTracking()
            .Where(p => p.MemberId == memberId)
            .Join(db.CouncilSessions, p => p.SessionId, s => s.Id, (p, s) => new
            {
                s.Id, s.Title, s.StartsAt, p.Pseudonym, p.JoinedAt,
                Votes = db.Ballots.Count(b => b.ParticipantId == p.Id),
                Supports = db.IdeaSupports.Count(i => i.ParticipantId == p.Id),
            })
            .OrderByDescending(p => p.StartsAt)
            .Select(p => new ParticipationData(p.Id, p.Title, p.StartsAt, p.Pseudonym, p.JoinedAt, p.Votes, p.Supports))
            .ToListAsync();
        var ideas = await db.Ideas.AsNoTracking()
            .Join(db.Participants.Where(p => p.MemberId == memberId), i => i.ParticipantId, p => p.Id, (i, _) => i)
            .Join(db.CouncilSessions, i => i.SessionId, s => s.Id, (i, s) => new { i.Text, i.Status, i.CreatedAt, i.Supports, i.ProposalId, s.Title })
            .OrderByDescending(i => i.CreatedAt)
            .ToListAsync();
        var facilitated = await db.SessionFacilitators.AsNoTracking()
            .Where(f => f.MemberId == memberId)
            .Join(db.CouncilSessions, f => f.SessionId, s => s.Id, (_, s) => new { s.Id, s.Title, s.StartsAt })
            .OrderByDescending(s => s.StartsAt)
            .Select(s => new SessionData(s.Id, s.Title, s.StartsAt))
            .ToListAsync();
        return new CouncilData(
            registrations,
            participations,
            ideas.Select(i => new IdeaData(i.Title, i.Text, IdeaStatusWords(i.Status), i.CreatedAt, i.Supports,
                i.ProposalId is { } id ? $"/propositions/{id}" : null)).ToList(),
            facilitated);
    }

    private static string IdeaStatusWords(IdeaStatus status) => status switch
    {
        IdeaStatus.Approved => "montrée à la séance",
        IdeaStatus.Hidden => "pas montrée à la séance",
        _ => "en attente de relecture",
    };

    private static async Task<IReadOnlyList<TestimonyData>> TestimoniesAsync(ParticipationDb db, string memberId, bool young)
    {
        var rows = await db.Testimonies.AsNoTracking()
            .Where(t => t.MemberId == memberId)
            .OrderByDescending(t => t.ReceivedAt)
            .Select(t => new
            {
                t.Campaign!.Title, t.Campaign.Question, t.ReceivedAt, t.Text, t.Transcript, t.Pseudonym,
                t.TextPublic, t.Voice, t.PhotoPublic, t.Status, t.PublishedAt, t.WithdrawnAt, t.MediaDeletedAt,
                Media = t.Media.Select(m => m.Kind).ToList(),
            })
            .ToListAsync();
        return rows.Select(t => new TestimonyData(
            t.Title, t.Question, t.ReceivedAt, t.Text, t.Transcript, t.Pseudonym,
            t.TextPublic, TestimonyWords.Voice(t.Voice), t.PhotoPublic,
            TestimonyStatusWords(t.Status),
            t.Media.Order().Select(kind => MediaWords(kind, young)).ToList(),
            t.PublishedAt, t.WithdrawnAt, t.MediaDeletedAt)).ToList();
    }

    private static string TestimonyStatusWords(TestimonyStatus status) => status switch
    {
        TestimonyStatus.Published => "publié",
        TestimonyStatus.KeptPrivate => "gardé pour le schéma, pas publié",
        TestimonyStatus.Rejected => "pas publié",
        TestimonyStatus.Withdrawn => "retiré",
        _ => "en attente de relecture",
    };

    private static string MediaWords(MediaKind kind, bool young) => kind switch
    {
        MediaKind.Voice => young ? "l'enregistrement de ta voix" : "l'enregistrement de votre voix",
        MediaKind.DisguisedVoice => young ? "ta voix transformée" : "votre voix transformée",
        _ => "une photo",
    };

    private static async Task<PeerData> PeersAsync(ParticipationDb db, string memberId, PeerStanding standing)
    {
        var profile = await db.PeerProfiles.AsNoTracking()
            .Where(p => p.MemberId == memberId)
            .Select(p => new PeerProfileData(p.RulesVersion, p.RulesAcceptedAt, p.HelperSince, p.HelperTraining))
            .SingleOrDefaultAsync();
        var posts = await db.PeerPosts.AsNoTracking()
            .Where(p => p.AuthorId == memberId)
            .Join(db.PeerCircles, p => p.CircleId, c => c.Id, (p, c) => new { p.Id, Circle = c.Name, p.Title, p.Text, p.Status, p.CreatedAt, p.PublishedAt })
            .OrderByDescending(p => p.CreatedAt)
            .ToListAsync();
        var reactions = await db.PeerReactions.AsNoTracking()
            .Where(r => r.MemberId == memberId)
            .Join(db.PeerPosts, r => r.PostId, p => p.Id, (r, p) => new { r.PostId, r.Kind, p.Status, p.AuthorId, p.CircleId })
            .Join(db.PeerCircles, r => r.CircleId, c => c.Id, (r, c) => new { r.PostId, r.Kind, r.Status, r.AuthorId, c.Audience })
            .OrderBy(r => r.PostId)
            .ToListAsync();
        var reports = await db.PeerReports.AsNoTracking()
            .Where(r => r.ReporterId == memberId)
            .Join(db.PeerPosts, r => r.PostId, p => p.Id, (r, p) => new { r.PostId, r.Reason, r.CreatedAt, r.HandledAt, p.Status, p.AuthorId, p.CircleId })
            .Join(db.PeerCircles, r => r.CircleId, c => c.Id, (r, c) => new { r.PostId, r.Reason, r.CreatedAt, r.HandledAt, r.Status, r.AuthorId, c.Audience })
            .OrderByDescending(r => r.CreatedAt)
            .ToListAsync();
        // A link only where the message opens for this person, as the message page decides: a message
        // since hidden, or in a circle they have left with their age, would only answer « Page introuvable ».
        string? LinkIfOpens(int postId, PostStatus status, string authorId, Audience audience) =>
            standing.MayRead(audience) && (status == PostStatus.Published || standing.Team || authorId == memberId)
                ? $"/entraide/messages/{postId}"
                : null;
        var muted = await db.PeerMutes.AsNoTracking()
            .Where(m => m.MemberId == memberId)
            .Join(db.Users, m => m.MutedId, u => u.Id, (m, u) => new { u.Pseudonym, m.CreatedAt })
            .OrderBy(m => m.Pseudonym)
            .Select(m => new PeerMuteData(m.Pseudonym, m.CreatedAt))
            .ToListAsync();
        return new PeerData(
            profile,
            posts.Select(p => new PeerPostData(p.Id, p.Circle, p.Title, p.Text, PostStatusWords(p.Status), p.CreatedAt, p.PublishedAt, $"/entraide/messages/{p.Id}")).ToList(),
            reactions.Select(r => new PeerReactionData(r.PostId, PeerWords.Reaction(r.Kind), LinkIfOpens(r.PostId, r.Status, r.AuthorId, r.Audience))).ToList(),
            reports.Select(r => new PeerReportData(r.PostId, r.Reason, r.CreatedAt, r.HandledAt != null, LinkIfOpens(r.PostId, r.Status, r.AuthorId, r.Audience))).ToList(),
            muted);
    }

    private static string PostStatusWords(PostStatus status) => status switch
    {
        PostStatus.Published => "publié",
        PostStatus.Rejected => "pas publié",
        PostStatus.Hidden => "retiré par l'équipe",
        _ => "en attente de relecture",
    };

    private static async Task<CharterData> CharterAsync(ParticipationDb db, string memberId)
    {
        var votes = await db.PracticeVotes.AsNoTracking()
            .Where(v => v.MemberId == memberId)
            .Join(db.CharterPractices, v => v.PracticeId, p => p.Id, (v, p) => new { v.Choice, v.Comment, v.At, p.EasyRead, p.VersionId })
            .Join(db.CharterVersions, v => v.VersionId, c => c.Id, (v, c) => new { v.Choice, v.Comment, v.At, v.EasyRead, c.Number })
            .OrderByDescending(v => v.At)
            .ToListAsync();
        var comments = await db.PracticeComments.AsNoTracking()
            .Where(c => c.MemberId == memberId)
            .Join(db.CharterPractices, c => c.PracticeId, p => p.Id, (c, p) => new { c.Text, c.At, p.Statement, p.VersionId })
            .Join(db.CharterVersions, c => c.VersionId, v => v.Id, (c, v) => new { v.Number, c.Statement, c.Text, c.At })
            .OrderByDescending(c => c.At)
            .Select(c => new CharterCommentData(c.Number, c.Statement, c.Text, c.At))
            .ToListAsync();
        var views = await db.YouthViewsTaken.AsNoTracking()
            .Where(t => t.MemberId == memberId)
            .Join(db.Establishments, t => t.EstablishmentId, e => e.Id, (t, e) => new { e.Name, t.Year })
            .OrderByDescending(v => v.Year)
            .Select(v => new YouthViewData(v.Name, v.Year))
            .ToListAsync();
        var signatures = await db.Ratifications.AsNoTracking()
            .Where(r => r.SignedById == memberId)
            .Join(db.CharterVersions, r => r.VersionId, v => v.Id, (r, v) => new { v.Number, r.EstablishmentName, r.SignedByName, r.SignedAt })
            .OrderByDescending(r => r.SignedAt)
            .Select(r => new RatificationData(r.Number, r.EstablishmentName, r.SignedByName, r.SignedAt))
            .ToListAsync();
        return new CharterData(
            votes.Select(v => new CharterVoteData(v.Number, v.EasyRead, CharterVotes.ChoiceLabel(v.Choice), v.Comment, v.At)).ToList(),
            comments,
            views,
            signatures);
    }

    private static async Task<IReadOnlyList<NotificationData>> NotificationsAsync(ParticipationDb db, string memberId)
    {
        var rows = await db.Notifications.AsNoTracking()
            .Where(n => n.MemberId == memberId)
            .OrderByDescending(n => n.CreatedAt)
            .Select(n => new { n.Text, n.CreatedAt, n.ReadAt, n.ProposalId, n.Link })
            .ToListAsync();
        return rows.Select(n => new NotificationData(n.Text, n.CreatedAt, n.ReadAt, n.ProposalId is { } id ? $"/propositions/{id}" : n.Link)).ToList();
    }

    private static async Task<IReadOnlyList<ErasureData>> ErasuresAsync(ParticipationDb db, string memberId, bool young)
    {
        var rows = await db.Erasures.AsNoTracking()
            .Where(e => e.MemberId == memberId)
            .OrderByDescending(e => e.RequestedAt)
            .Select(e => new { e.Source, e.Status, e.RequestedAt, e.DecidedAt, e.Outcome })
            .ToListAsync();
        return rows.Select(e => new ErasureData(
            e.RequestedAt,
            e.Source == ErasureSource.Inactivity ? "compte pas utilisé depuis 12 mois" : young ? "demandé par toi" : "demandé par vous",
            e.Status switch
            {
                ErasureStatus.Pending => "en attente",
                ErasureStatus.Done => "fait",
                ErasureStatus.Refused => "refusé",
                _ => "annulé",
            },
            e.DecidedAt,
            // The stored outcome is the staff log's, about « la personne »; the person reads it about themselves.
            e.Status == ErasureStatus.Withdrawn ? (young ? "Tu as annulé ta demande." : "Vous avez annulé votre demande.") : e.Outcome)).ToList();
    }
}

public sealed record AccountData(
    string Pseudonym,
    string? Login,
    string? Email,
    IReadOnlyList<string> Roles,
    int? BirthYear,
    string? AgeBand,
    string? RealName,
    string? RealNameSeenBy,
    string? Establishment,
    bool NameAndPlaceWithheld,
    IReadOnlyList<string> FollowedEstablishments,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ActivatedAt,
    DateTimeOffset? LastSignInAt,
    DateTimeOffset? DeletionWarnedAt);

public sealed record ProposalData(int Id, string Title, string Text, string Status, DateTimeOffset CreatedAt, string Link);

public sealed record SupportData(int ProposalId, string ProposalTitle, DateTimeOffset GivenAt, string Link);

public sealed record CouncilData(
    IReadOnlyList<RegistrationData> Registrations,
    IReadOnlyList<ParticipationData> Participations,
    IReadOnlyList<IdeaData> Ideas,
    IReadOnlyList<SessionData> SessionsFacilitated);

public sealed record RegistrationData(int SessionId, string SessionTitle, DateTimeOffset SessionStartsAt, DateTimeOffset RegisteredAt);

public sealed record ParticipationData(int SessionId, string SessionTitle, DateTimeOffset SessionStartsAt, string PseudonymUsed, DateTimeOffset JoinedAt, int VotesCast, int IdeasSupported);

public sealed record IdeaData(string SessionTitle, string Text, string Status, DateTimeOffset CreatedAt, int Supports, string? ProposalLink);

public sealed record SessionData(int SessionId, string SessionTitle, DateTimeOffset StartsAt);

public sealed record TestimonyData(
    string Campaign,
    string Question,
    DateTimeOffset ReceivedAt,
    string? Text,
    string? Transcript,
    string? SignedAs,
    bool TextMayBePublished,
    string Voice,
    bool PhotoMayBePublished,
    string Status,
    IReadOnlyList<string> MediaKept,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? WithdrawnAt,
    DateTimeOffset? MediaDeletedAt);

public sealed record PeerData(
    PeerProfileData? Profile,
    IReadOnlyList<PeerPostData> Posts,
    IReadOnlyList<PeerReactionData> Reactions,
    IReadOnlyList<PeerReportData> Reports,
    IReadOnlyList<PeerMuteData> Muted);

public sealed record PeerProfileData(string? RulesVersion, DateTimeOffset? RulesAcceptedAt, DateOnly? HelperSince, string? HelperTraining);

public sealed record PeerPostData(int Id, string Circle, string? Title, string Text, string Status, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt, string Link);

public sealed record PeerReactionData(int PostId, string Reaction, string? Link);

public sealed record PeerReportData(int PostId, string Reason, DateTimeOffset CreatedAt, bool Handled, string? Link);

public sealed record PeerMuteData(string Pseudonym, DateTimeOffset Since);

public sealed record CharterData(
    IReadOnlyList<CharterVoteData> Votes,
    IReadOnlyList<CharterCommentData> Comments,
    IReadOnlyList<YouthViewData> ViewsGiven,
    IReadOnlyList<RatificationData> Signatures);

public sealed record CharterVoteData(int Version, string Practice, string Choice, string? Comment, DateTimeOffset At);

public sealed record CharterCommentData(int Version, string Practice, string Text, DateTimeOffset At);

public sealed record YouthViewData(string Establishment, int Year);

public sealed record RatificationData(int Version, string Establishment, string SignedAs, DateTimeOffset SignedAt);

public sealed record NotificationData(string Text, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt, string? Link);

public sealed record ErasureData(DateTimeOffset RequestedAt, string How, string Status, DateTimeOffset? DecidedAt, string? Outcome);

/// <summary>What the site holds that cannot, or may not, be given back here, said the same way to everyone of a role.</summary>
public sealed record KeptApart(string Questionnaires, string? CharterViews, string SafetyReviews)
{
    // Said alike whether or not the team holds anything: its presence tells nothing. Only the charter's
    // views in a place of living, which young members alone give, are not said to adults.
    private static readonly KeptApart Tu = new(
        "Tes réponses aux questionnaires sont anonymes : elles ne gardent ni ton nom ni ton compte. Personne, même l'équipe, ne peut savoir lesquelles sont les tiennes, alors elles ne sont pas dans cette liste.",
        "Ton avis sur la charte dans ton lieu de vie est anonyme aussi : le site garde seulement que tu as répondu, pas ce que tu as répondu.",
        "Quand un message fait penser que quelqu'un est peut-être en danger, l'équipe le relit. Ce que les adultes gardent pour pouvoir aider quelqu'un en danger reste avec l'équipe et n'est pas dans cette liste. Pour le demander, écris au délégué à la protection des données (la personne chargée de protéger tes informations) : la page Confidentialité dit comment.");

    private static readonly KeptApart Vous = new(
        "Vos réponses aux questionnaires sont anonymes : elles ne gardent ni votre nom ni votre compte. Personne, même l'équipe, ne peut savoir lesquelles sont les vôtres, alors elles ne sont pas dans cette liste.",
        null,
        "Quand un message fait penser que quelqu'un est peut-être en danger, l'équipe le relit. Ce que les adultes gardent pour pouvoir aider quelqu'un en danger reste avec l'équipe et n'est pas dans cette liste. Pour le demander, écrivez au délégué à la protection des données (la personne chargée de protéger vos informations) : la page Confidentialité dit comment.");

    public static KeptApart For(bool young) => young ? Tu : Vous;
}
