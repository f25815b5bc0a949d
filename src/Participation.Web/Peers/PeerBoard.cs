using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;

namespace Participation.Web.Peers;

public sealed record NewPost(int CircleId, int? ThreadId, string? Title, string? Text, IReadOnlyList<string>? Resources);

/// <summary>Each member's messages and reports, taken one at a time.</summary>
public sealed class PeerTurns(Infrastructure.SharedRedis redis) : MemberTurns(redis);

/// <summary>What became of a message sent: published, or waiting for a moderator and why.</summary>
public sealed record PostResult(IReadOnlyDictionary<string, string> Errors, int? PostId = null, int? ThreadId = null)
{
    public PostStatus Status { get; init; }
    public HoldReason Hold { get; init; }

    /// <summary>The person may not do this here at all: the page answers 403.</summary>
    public bool Forbidden { get; init; }

    public bool Succeeded => Errors.Count == 0 && !Forbidden;

    public static PostResult Fail(string field, string message) => new(new Dictionary<string, string> { [field] = message });

    public static readonly PostResult Refused = new(new Dictionary<string, string>()) { Forbidden = true };
}

/// <summary>
/// Writing in the network: messages, reactions, reports, hiding someone, accepting the rules. Every
/// text is screened before it is stored; a minor's message waits for a moderator; a risk opens an
/// urgent case in the same transaction.
/// </summary>
public sealed class PeerBoard(
    ParticipationDb db, Safeguard safeguard, SafetyCases cases, PeerLibrary library, PeerLive live, PeerTurns turns, TimeProvider clock)
{
    /// <summary>At most this many messages per member in <see cref="FloodWindow"/>: enough for a conversation, not for a flood.</summary>
    public const int FloodLimit = 10;

    public static readonly TimeSpan FloodWindow = TimeSpan.FromMinutes(10);

    /// <summary>At most this many reports per member in <see cref="FloodWindow"/>.</summary>
    public const int ReportLimit = 20;

    public async Task<PeerStanding> StandingAsync(ClaimsPrincipal user)
    {
        if (user.MemberId() is not { } id)
        {
            return PeerStanding.Outside;
        }
        var birthYear = await db.Users.Where(u => u.Id == id).Select(u => u.BirthYear).FirstOrDefaultAsync();
        return PeerRules.Standing(user, birthYear, clock.GetLocalNow().Year);
    }

    public async Task<bool> HasAcceptedRulesAsync(string memberId) =>
        await db.PeerProfiles.AnyAsync(p => p.MemberId == memberId && p.RulesVersion == library.RulesVersion);

    public async Task AcceptRulesAsync(string memberId)
    {
        var profile = await ProfileAsync(memberId);
        profile.RulesVersion = library.RulesVersion;
        profile.RulesAcceptedAt = clock.GetUtcNow();
        await db.SaveChangesAsync();
    }

    public async Task<PostResult> PostAsync(NewPost input, ClaimsPrincipal user)
    {
        var memberId = user.MemberId();
        var standing = await StandingAsync(user);
        var circle = await db.PeerCircles.AsNoTracking().SingleOrDefaultAsync(c => c.Id == input.CircleId);
        if (memberId is null || circle is null || !standing.MayRead(circle))
        {
            return PostResult.Refused;
        }
        var vous = circle.Audience.SaysVous();
        var errors = new Dictionary<string, string>();
        if (!await HasAcceptedRulesAsync(memberId))
        {
            return PostResult.Fail("Rules", vous
                ? "Lisez et acceptez les règles du réseau avant votre premier message."
                : "Lis et accepte les règles du réseau avant ton premier message.");
        }

        PeerPost? thread = null;
        if (input.ThreadId is { } threadId)
        {
            thread = await db.PeerPosts.SingleOrDefaultAsync(p => p.Id == threadId && p.ThreadId == null && p.CircleId == circle.Id);
            if (thread is null)
            {
                return PostResult.Fail("", "Ce fil n'existe pas dans ce cercle.");
            }
            if (thread.Status is PostStatus.Hidden or PostStatus.Rejected)
            {
                return PostResult.Fail("", "Ce fil a été retiré par la modération : on ne peut plus y répondre.");
            }
            if (thread.Status != PostStatus.Published)
            {
                return PostResult.Fail("", vous
                    ? "Ce fil attend encore sa relecture : vous pourrez y répondre une fois publié."
                    : "Ce fil attend encore sa relecture : tu pourras y répondre une fois publié.");
            }
        }

        var title = input.Title?.Trim();
        var text = input.Text?.Trim() ?? "";
        if (thread is null && (title is null || title.Length < PeerPost.TitleMinLength || title.Length > PeerPost.TitleMaxLength))
        {
            var length = title?.Length ?? 0;
            errors["Title"] = length == 0
                ? (vous ? "Donnez un titre à votre fil : quelques mots qui disent de quoi il parle." : "Donne un titre à ton fil : quelques mots qui disent de quoi il parle.")
                : length < PeerPost.TitleMinLength
                    ? (vous ? $"Le titre est trop court : encore {PeerPost.TitleMinLength - length} caractère{(PeerPost.TitleMinLength - length > 1 ? "s" : "")}." : $"Ton titre est trop court : encore {PeerPost.TitleMinLength - length} caractère{(PeerPost.TitleMinLength - length > 1 ? "s" : "")}.")
                    : (vous ? $"Le titre fait {length} caractères : {PeerPost.TitleMaxLength} au plus." : $"Ton titre fait {length} caractères : {PeerPost.TitleMaxLength} au plus.");
        }
        if (text.Length == 0)
        {
            errors["Text"] = vous ? "Votre message est vide : écrivez quelques mots." : "Ton message est vide : écris quelques mots.";
        }
        else if (text.Length > PeerPost.TextMaxLength)
        {
            var over = text.Length - PeerPost.TextMaxLength;
            errors["Text"] = vous
                ? $"Votre message fait {Count(text.Length)} caractères : {Count(PeerPost.TextMaxLength)} au plus. Raccourcissez-le de {Count(over)} caractère{(over > 1 ? "s" : "")}."
                : $"Ton message fait {Count(text.Length)} caractères : {Count(PeerPost.TextMaxLength)} au plus. Raccourcis-le de {Count(over)} caractère{(over > 1 ? "s" : "")}.";
        }
        var resources = (input.Resources ?? []).Where(r => !string.IsNullOrWhiteSpace(r)).Distinct().ToList();
        if (resources.Count > PeerPost.ResourcesMax)
        {
            errors["Resources"] = $"{PeerPost.ResourcesMax} fiches au plus par message.";
        }
        else if (resources.FirstOrDefault(r => library.Find(r) is null) is { } unknown)
        {
            errors["Resources"] = "Une des fiches choisies n'existe pas.";
        }
        if (errors.Count > 0)
        {
            return new PostResult(errors);
        }
        // Sends in parallel are taken one by one, so that the count below holds.
        using var turn = await turns.EnterAsync(memberId);
        if (turn is null)
        {
            return PostResult.Fail("Text", vous ? "Trop d'envois à la fois : réessayez dans une minute. Votre texte est gardé ci-dessous." : "Trop d'envois à la fois : réessaie dans une minute. Ton texte est gardé ci-dessous.");
        }
        var now = clock.GetUtcNow();
        var since = now - FloodWindow;
        if (!standing.Team && await db.PeerPosts.CountAsync(p => p.AuthorId == memberId && p.CreatedAt > since) >= FloodLimit)
        {
            return PostResult.Fail("Text", vous
                ? $"Vous avez écrit {FloodLimit} messages en quelques minutes : attendez un peu avant le suivant. Votre texte est gardé ci-dessous."
                : $"Tu as écrit {FloodLimit} messages en quelques minutes : attends un peu avant le suivant. Ton texte est gardé ci-dessous.");
        }

        var screening = safeguard.Screen(PeerPost.Words(thread is null ? title : null, text), standing.Writer);
        var hold = screening.Verdict == Verdict.Urgent ? HoldReason.Safety
            : screening.Report.HasPersonalDetails ? HoldReason.PersonalDetails
            : screening.Report.ProposesMeeting ? HoldReason.MeetUp
            : standing.Minor && !standing.Team ? HoldReason.ReadFirst
            : HoldReason.None;
        var post = new PeerPost
        {
            CircleId = circle.Id,
            ThreadId = thread?.Id,
            Title = thread is null ? title : null,
            Text = text,
            AuthorId = memberId,
            Status = hold == HoldReason.None ? PostStatus.Published : PostStatus.Pending,
            Hold = hold,
            HeldForSafety = hold == HoldReason.Safety,
            CreatedAt = now,
            PublishedAt = hold == HoldReason.None ? now : null,
            LastActivityAt = now,
            Resources = resources.Count > 0 ? string.Join(',', resources) : null,
        };

        SafetyCase? opened = null;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.PeerPosts.Add(post);
            if (post.Status == PostStatus.Published && thread is not null)
            {
                thread.Replies++;
                thread.LastActivityAt = now;
            }
            await db.SaveChangesAsync();
            if (post.HeldForSafety)
            {
                opened = cases.Stage(new HeldText(
                    SafetyChannel.PeerPost,
                    post.Id.ToString(CultureInfo.InvariantCulture),
                    $"Réseau d'entraide, cercle « {circle.Name} » ({circle.Audience.Label()}), {(thread is null ? "nouveau fil" : $"réponse au fil « {thread.Title} »")}",
                    $"/pilotage/entraide/messages/{post.Id}",
                    PeerPost.Words(thread is null ? title : null, text),
                    memberId,
                    user.Pseudonym()), screening);
                await db.SaveChangesAsync();
            }
            await transaction.CommitAsync();
        }
        if (opened is not null)
        {
            await cases.AnnounceAsync(opened);
        }
        if (post.Status == PostStatus.Published)
        {
            await live.PublishedAsync(post.Id);
        }
        else
        {
            await live.QueueChangedAsync(post.Id);
        }
        return new PostResult(new Dictionary<string, string>(), post.Id, post.ThreadId ?? post.Id) { Status = post.Status, Hold = hold };
    }

    /// <summary>Adds a reaction, or takes it back when the member had already given it.</summary>
    public async Task<bool> ReactAsync(int postId, ReactionKind kind, ClaimsPrincipal user)
    {
        if (user.MemberId() is not { } memberId || await VisiblePostAsync(postId, user) is not { } post || post.Status != PostStatus.Published)
        {
            return false;
        }
        var existing = await db.PeerReactions.SingleOrDefaultAsync(r => r.PostId == postId && r.MemberId == memberId && r.Kind == kind);
        if (existing is null)
        {
            db.PeerReactions.Add(new PeerReaction { PostId = postId, MemberId = memberId, Kind = kind });
        }
        else
        {
            db.PeerReactions.Remove(existing);
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // The same tap twice at once: one reaction is there, as wanted.
            db.ChangeTracker.Clear();
        }
        return true;
    }

    public async Task<PostResult> ReportAsync(int postId, string? reason, ClaimsPrincipal user)
    {
        if (user.MemberId() is not { } memberId || await VisiblePostAsync(postId, user) is not { } post)
        {
            return PostResult.Refused;
        }
        var circle = await db.PeerCircles.Where(c => c.Id == post.CircleId).Select(c => new { c.Name, c.Audience }).SingleAsync();
        var vous = circle.Audience == Audience.Parents;
        var text = reason?.Trim();
        if (text is { Length: > PeerReport.ReasonMaxLength })
        {
            return PostResult.Fail("Reason", $"{PeerReport.ReasonMaxLength} caractères au plus (ici : {text.Length}).");
        }
        // A reason can itself say that someone is in danger: it opens an urgent case like any text,
        // whatever becomes of the report (already made, too many). New words are always heard; the
        // same words again, while their case is open, do not flood the urgent queue.
        var screening = string.IsNullOrEmpty(text) ? null : safeguard.Screen(text, (await StandingAsync(user)).Writer);
        var urgent = screening is { Verdict: Verdict.Urgent };
        var alreadyHeard = urgent && await db.SafetyCases.AnyAsync(c => c.Channel == SafetyChannel.PeerReport && c.AuthorMemberId == memberId && c.Status == CaseStatus.Open && c.Text == text);
        HeldText Held(string sourceId) => new(
            SafetyChannel.PeerReport,
            sourceId,
            $"Réseau d'entraide, cercle « {circle.Name} » ({circle.Audience.Label()}), raison d'un signalement du message n° {postId}",
            $"/pilotage/entraide/messages/{postId}",
            text!,
            memberId,
            user.Pseudonym());
        var now = clock.GetUtcNow();

        string? refusal = null;
        using var turn = await turns.EnterAsync(memberId);
        if (post.AuthorId == memberId)
        {
            refusal = vous ? "C'est votre propre message : vous ne pouvez pas le signaler." : "C'est ton propre message : tu ne peux pas le signaler.";
        }
        else if (await db.PeerReports.AnyAsync(r => r.PostId == postId && r.ReporterId == memberId))
        {
            refusal = vous
                ? "Vous avez déjà signalé ce message : l'équipe de modération va le relire."
                : "Tu as déjà signalé ce message : l'équipe de modération va le relire.";
        }
        else if (turn is null || await db.PeerReports.CountAsync(r => r.ReporterId == memberId && r.CreatedAt > now - FloodWindow) >= ReportLimit)
        {
            refusal = vous
                ? "Vous avez fait beaucoup de signalements en quelques minutes : l'équipe les relit. Attendez un peu avant le suivant."
                : "Tu as fait beaucoup de signalements en quelques minutes : l'équipe les relit. Attends un peu avant le suivant.";
        }
        if (refusal is not null)
        {
            if (!urgent)
            {
                return PostResult.Fail("Reason", refusal);
            }
            // No report is stored, but the words are heard.
            if (!alreadyHeard)
            {
                var alone = cases.Stage(Held($"{postId}:{memberId}:{now.ToUnixTimeMilliseconds()}"), screening!);
                await db.SaveChangesAsync();
                await cases.AnnounceAsync(alone);
            }
            return new PostResult(new Dictionary<string, string>(), postId, post.ThreadId ?? post.Id) { Hold = HoldReason.Safety };
        }

        var report = new PeerReport { PostId = postId, ReporterId = memberId, Reason = string.IsNullOrEmpty(text) ? "Sans précision" : text, CreatedAt = now };
        SafetyCase? opened = null;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.PeerReports.Add(report);
            await db.SaveChangesAsync();
            if (urgent && !alreadyHeard)
            {
                opened = cases.Stage(Held(report.Id.ToString(CultureInfo.InvariantCulture)), screening!);
                await db.SaveChangesAsync();
            }
            await transaction.CommitAsync();
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return PostResult.Fail("Reason", vous
                ? "Vous avez déjà signalé ce message : l'équipe de modération va le relire."
                : "Tu as déjà signalé ce message : l'équipe de modération va le relire.");
        }
        if (opened is not null)
        {
            await cases.AnnounceAsync(opened);
        }
        await live.QueueChangedAsync(postId);
        return new PostResult(new Dictionary<string, string>(), postId, post.ThreadId ?? post.Id) { Hold = urgent ? HoldReason.Safety : HoldReason.None };
    }

    /// <summary>The member no longer sees the author's messages; the author is not told.</summary>
    public async Task<bool> MuteAsync(int postId, ClaimsPrincipal user)
    {
        if (user.MemberId() is not { } memberId || await VisiblePostAsync(postId, user) is not { } post || post.AuthorId == memberId)
        {
            return false;
        }
        // The team speaks for the network: its messages cannot be hidden, and its accounts never named.
        var teamRoles = PeerReader.TeamRoleIds(db);
        if (await db.UserRoles.AnyAsync(ur => ur.UserId == post.AuthorId && teamRoles.Contains(ur.RoleId)))
        {
            return false;
        }
        if (!await db.PeerMutes.AnyAsync(m => m.MemberId == memberId && m.MutedId == post.AuthorId))
        {
            db.PeerMutes.Add(new PeerMute { MemberId = memberId, MutedId = post.AuthorId, CreatedAt = clock.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
            }
        }
        return true;
    }

    public async Task UnmuteAsync(string pseudonym, ClaimsPrincipal user)
    {
        if (user.MemberId() is not { } memberId)
        {
            return;
        }
        await db.PeerMutes.Where(m => m.MemberId == memberId && db.Users.Any(u => u.Id == m.MutedId && u.Pseudonym == pseudonym)).ExecuteDeleteAsync();
    }

    /// <summary>A published message of a circle the person may read, or their own message; null otherwise.</summary>
    public async Task<PeerPost?> VisiblePostAsync(int postId, ClaimsPrincipal user)
    {
        var post = await db.PeerPosts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == postId);
        if (post is null)
        {
            return null;
        }
        var circle = await db.PeerCircles.AsNoTracking().SingleAsync(c => c.Id == post.CircleId);
        var standing = await StandingAsync(user);
        if (!standing.MayRead(circle))
        {
            return null;
        }
        return post.Status == PostStatus.Published || standing.Team || post.AuthorId == user.MemberId() ? post : null;
    }

    private async Task<PeerProfile> ProfileAsync(string memberId)
    {
        var profile = await db.PeerProfiles.SingleOrDefaultAsync(p => p.MemberId == memberId);
        if (profile is null)
        {
            profile = new PeerProfile { MemberId = memberId };
            db.PeerProfiles.Add(profile);
        }
        return profile;
    }

    private static string Count(int n) => n.ToString("N0", CultureInfo.GetCultureInfo("fr-FR"));
}
