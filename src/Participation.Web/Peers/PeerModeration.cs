using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Notifications;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;

namespace Participation.Web.Peers;

/// <summary>
/// What moderators decide about messages. Every decision is logged with its reason, and the author is
/// told in plain words what happened and why. A message held by an urgent case moves only from its case.
/// </summary>
public sealed class PeerModeration(ParticipationDb db, Safeguard safeguard, PeerLive live, TimeProvider clock)
{
    public const string DefaultApproval = "Relu : conforme aux règles du réseau.";

    /// <summary>
    /// Publishes a waiting message, with a detail taken out of its title or words if the moderator
    /// did. A personal detail or a meet-up the detector still finds is published only once the
    /// moderator has said they read it and it lets no one be found.
    /// </summary>
    public async Task<CommandResult> ApproveAsync(int postId, string? editedTitle, string? editedText, bool detailsChecked, string? reason, Actor moderator)
    {
        if (await db.PeerPosts.SingleOrDefaultAsync(p => p.Id == postId) is not { } post)
        {
            return CommandResult.Fail("", "Ce message n'existe plus.");
        }
        if (post.HeldForSafety)
        {
            return CommandResult.Fail("", "Ce message est retenu par un cas urgent : il ne peut être publié que depuis son cas, dans la file des urgences.");
        }
        if (post.Status != PostStatus.Pending)
        {
            return CommandResult.Fail("", "Ce message n'attend plus de relecture.");
        }
        var thread = post.ThreadId is { } threadId ? await db.PeerPosts.SingleAsync(p => p.Id == threadId) : null;
        if (thread is not null && thread.Status != PostStatus.Published)
        {
            return CommandResult.Fail("", "Le fil de cette réponse n'est pas publié : publiez d'abord le fil, ou refusez la réponse.");
        }
        var text = editedText is null ? post.Text : editedText.Trim();
        if (text.Length == 0 || text.Length > PeerPost.TextMaxLength)
        {
            return CommandResult.Fail("Text", $"Le texte fait de 1 à {PeerPost.TextMaxLength} caractères.");
        }
        var title = post.Title;
        if (post.ThreadId is null && editedTitle is not null)
        {
            title = editedTitle.Trim();
            if (title.Length < PeerPost.TitleMinLength || title.Length > PeerPost.TitleMaxLength)
            {
                return CommandResult.Fail("Title", $"Le titre fait de {PeerPost.TitleMinLength} à {PeerPost.TitleMaxLength} caractères.");
            }
        }
        // What the moderator leaves, title and words, is read again like any text.
        var screening = safeguard.Screen(PeerPost.Words(title, text), Writer.Young);
        if (screening.Verdict == Verdict.Urgent)
        {
            return CommandResult.Fail("Text", "Ce message se lit comme une situation à risque : ouvrez un cas depuis les urgences plutôt que de le publier.");
        }
        if ((screening.Report.HasPersonalDetails || screening.Report.ProposesMeeting) && !detailsChecked)
        {
            var found = screening.Report.PersonalDetails.Select(d => $"« {d.Excerpt} »").Distinct().ToList();
            return CommandResult.Fail("Text", found.Count > 0
                ? $"Le message donne encore {string.Join(", ", found)} : retirez-le du titre ou du texte. Ne cochez « Relu » que si ce n'est pas un détail personnel, par exemple le numéro d'un service public."
                : "Le message propose encore de se retrouver : retirez le rendez-vous du texte. Ne cochez « Relu » que si ce n'en est pas un.");
        }
        // The journal keeps what the moderator changed, and what they chose to leave.
        var notes = new List<string>();
        if (title != post.Title || text != post.Text)
        {
            notes.Add("Titre ou texte modifié par la modération avant publication.");
        }
        if (screening.Report.HasPersonalDetails || screening.Report.ProposesMeeting)
        {
            notes.Add($"Laissé après relecture : {string.Join(", ", screening.Report.PersonalDetails.Select(d => $"« {d.Excerpt} »").Distinct().DefaultIfEmpty("une proposition de se retrouver"))}.");
        }
        post.Title = title;
        post.Text = text;
        var now = clock.GetUtcNow();
        post.Status = PostStatus.Published;
        post.PublishedAt = now;
        post.ModeratedAt ??= now;
        post.Hold = HoldReason.None;
        post.LastActivityAt = now;
        if (thread is not null)
        {
            thread.Replies++;
            thread.LastActivityAt = now;
        }
        var circle = await CircleAsync(post.CircleId);
        var told = circle.Audience.SaysVous()
            ? $"Votre message dans le cercle « {circle.Name} » est publié."
            : $"Ton message dans le cercle « {circle.Name} » est publié.";
        Log(post, ModerationKind.Approved, Reason(string.Join(" ", notes.Prepend(Reason(reason) ?? DefaultApproval)))!, moderator, told, now);
        await db.SaveChangesAsync();
        await live.PublishedAsync(post.Id);
        return CommandResult.Ok();
    }

    /// <summary>Does not publish a waiting message; the reason is what the author reads.</summary>
    public async Task<CommandResult> RejectAsync(int postId, string? reason, Actor moderator)
    {
        if (await db.PeerPosts.SingleOrDefaultAsync(p => p.Id == postId) is not { } post)
        {
            return CommandResult.Fail("", "Ce message n'existe plus.");
        }
        if (post.HeldForSafety)
        {
            return CommandResult.Fail("", "Ce message est retenu par un cas urgent : il se traite depuis son cas.");
        }
        if (post.Status != PostStatus.Pending)
        {
            return CommandResult.Fail("", "Ce message n'attend plus de relecture.");
        }
        if (Reason(reason) is not { } why)
        {
            return CommandResult.Fail("Reason", "Écrivez pourquoi, en mots simples : c'est ce que l'auteur·e lira.");
        }
        var now = clock.GetUtcNow();
        post.Status = PostStatus.Rejected;
        post.ModeratedAt ??= now;
        var circle = await CircleAsync(post.CircleId);
        var told = circle.Audience.SaysVous()
            ? $"Votre message dans le cercle « {circle.Name} » n'a pas été publié : {why}"
            : $"Ton message dans le cercle « {circle.Name} » n'a pas été publié : {why}";
        Log(post, ModerationKind.Rejected, why, moderator, told, now);
        await db.SaveChangesAsync();
        return CommandResult.Ok();
    }

    /// <summary>Takes a published message down; the reports on it are dealt with.</summary>
    public async Task<CommandResult> HideAsync(int postId, string? reason, Actor moderator)
    {
        if (await db.PeerPosts.SingleOrDefaultAsync(p => p.Id == postId) is not { } post || post.Status != PostStatus.Published)
        {
            return CommandResult.Fail("", "Seul un message publié peut être masqué.");
        }
        if (Reason(reason) is not { } why)
        {
            return CommandResult.Fail("Reason", "Écrivez pourquoi, en mots simples : c'est ce que l'auteur·e lira.");
        }
        var now = clock.GetUtcNow();
        post.Status = PostStatus.Hidden;
        if (post.ThreadId is { } threadId && await db.PeerPosts.SingleAsync(p => p.Id == threadId) is { } thread)
        {
            thread.Replies = Math.Max(0, thread.Replies - 1);
        }
        await HandleReportsAsync(post.Id, moderator, now);
        var circle = await CircleAsync(post.CircleId);
        var told = circle.Audience.SaysVous()
            ? $"Votre message dans le cercle « {circle.Name} » a été retiré : {why}"
            : $"Ton message dans le cercle « {circle.Name} » a été retiré : {why}";
        Log(post, ModerationKind.Hidden, why, moderator, told, now);
        await db.SaveChangesAsync();
        await live.RemovedAsync(post.CircleId, post.Id);
        return CommandResult.Ok();
    }

    public async Task<CommandResult> RestoreAsync(int postId, string? reason, Actor moderator)
    {
        if (await db.PeerPosts.SingleOrDefaultAsync(p => p.Id == postId) is not { } post || post.Status != PostStatus.Hidden)
        {
            return CommandResult.Fail("", "Seul un message masqué peut être remis en ligne.");
        }
        if (Reason(reason) is not { } why)
        {
            return CommandResult.Fail("Reason", "Écrivez pourquoi le message revient.");
        }
        if (post.ThreadId is { } parent && !await db.PeerPosts.AnyAsync(p => p.Id == parent && p.Status == PostStatus.Published))
        {
            return CommandResult.Fail("", "Le fil de cette réponse n'est plus en ligne : remettez d'abord le fil.");
        }
        // Its words are read again: the lists may have learnt since it was taken down.
        if (safeguard.Screen(PeerPost.Words(post.Title, post.Text), Writer.Young).Verdict == Verdict.Urgent)
        {
            return CommandResult.Fail("", "Ce message se lit comme une situation à risque : ouvrez un cas depuis les urgences plutôt que de le remettre en ligne.");
        }
        var now = clock.GetUtcNow();
        post.Status = PostStatus.Published;
        if (post.ThreadId is { } threadId && await db.PeerPosts.SingleAsync(p => p.Id == threadId) is { } thread)
        {
            thread.Replies++;
        }
        var circle = await CircleAsync(post.CircleId);
        var told = circle.Audience.SaysVous()
            ? $"Votre message dans le cercle « {circle.Name} » est de nouveau en ligne."
            : $"Ton message dans le cercle « {circle.Name} » est de nouveau en ligne.";
        Log(post, ModerationKind.Restored, why, moderator, told, now);
        await db.SaveChangesAsync();
        await live.PublishedAsync(post.Id);
        return CommandResult.Ok();
    }

    /// <summary>The reports were read and the message stays: they leave the queue.</summary>
    public async Task<CommandResult> DismissReportsAsync(int postId, string? reason, Actor moderator)
    {
        if (await db.PeerPosts.SingleOrDefaultAsync(p => p.Id == postId) is not { } post)
        {
            return CommandResult.Fail("", "Ce message n'existe plus.");
        }
        if (!await db.PeerReports.AnyAsync(r => r.PostId == postId && r.HandledAt == null))
        {
            return CommandResult.Fail("", "Aucun signalement n'attend sur ce message.");
        }
        var now = clock.GetUtcNow();
        await HandleReportsAsync(postId, moderator, now);
        Log(post, ModerationKind.ReportsDismissed, Reason(reason) ?? "Relu : le message respecte les règles.", moderator, null, now);
        await db.SaveChangesAsync();
        return CommandResult.Ok();
    }

    /// <summary>Invites the author to turn their message into a proposal to the Département; only they can.</summary>
    public async Task<CommandResult> SuggestProposalAsync(int postId, Actor moderator)
    {
        if (await db.PeerPosts.SingleOrDefaultAsync(p => p.Id == postId) is not { } post || post.Status != PostStatus.Published)
        {
            return CommandResult.Fail("", "Seul un message publié peut devenir une proposition.");
        }
        if (post.ProposalId is not null)
        {
            return CommandResult.Fail("", "Ce message est déjà devenu une proposition.");
        }
        var circle = await CircleAsync(post.CircleId);
        var told = circle.Audience.SaysVous()
            ? $"L'équipe pense que votre message dans « {circle.Name} » pourrait devenir une proposition au Département. C'est vous qui décidez."
            : $"L'équipe pense que ton message dans « {circle.Name} » pourrait devenir une proposition au Département. C'est toi qui décides.";
        Log(post, ModerationKind.ProposalSuggested, "Message qui pourrait nourrir le schéma.", moderator, told, clock.GetUtcNow(),
            $"/entraide/cercles/{circle.Slug}/messages/{post.Id}/proposition");
        await db.SaveChangesAsync();
        return CommandResult.Ok();
    }

    private async Task HandleReportsAsync(int postId, Actor moderator, DateTimeOffset now) =>
        await db.PeerReports.Where(r => r.PostId == postId && r.HandledAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.HandledAt, now).SetProperty(r => r.HandledById, moderator.MemberId));

    private void Log(PeerPost post, ModerationKind kind, string reason, Actor moderator, string? told, DateTimeOffset now, string? link = null)
    {
        db.PeerModerationLog.Add(new PeerModerationEntry
        {
            PostId = post.Id, Kind = kind, Reason = reason, ById = moderator.MemberId ?? "", At = now, ToldAuthor = told,
        });
        if (told is not null)
        {
            db.Notifications.Add(new Notification { MemberId = post.AuthorId, Text = told, Link = link ?? PostLink(post), CreatedAt = now });
        }
    }

    private string PostLink(PeerPost post) =>
        $"/entraide/messages/{post.Id.ToString(CultureInfo.InvariantCulture)}";

    private Task<Circle> CircleAsync(int id) => db.PeerCircles.AsNoTracking().SingleAsync(c => c.Id == id);

    private static string? Reason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? null : reason.Trim() is { Length: > PeerModerationEntry.ReasonMaxLength } long_ ? long_[..PeerModerationEntry.ReasonMaxLength] : reason.Trim();

}

/// <summary>A message released from its urgent case is published where it was written, as the case decided.</summary>
public sealed class HeldPeerPosts(ParticipationDb db, PeerLive live, Safeguard safeguard, TimeProvider clock) : IHeldTextChannel
{
    public SafetyChannel Channel => SafetyChannel.PeerPost;

    public async Task<bool> PublishAsync(string sourceId)
    {
        if (!int.TryParse(sourceId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || await db.PeerPosts.SingleOrDefaultAsync(p => p.Id == id && p.HeldForSafety) is not { } post)
        {
            return false;
        }
        var now = clock.GetUtcNow();
        post.HeldForSafety = false;
        // Out of danger is not out of the rules: a detail or a meet-up still in it waits for the « Relu » of an ordinary reading.
        var report = safeguard.Screen(PeerPost.Words(post.Title, post.Text), Writer.Young).Report;
        if (report.HasPersonalDetails || report.ProposesMeeting)
        {
            post.Hold = report.HasPersonalDetails ? HoldReason.PersonalDetails : HoldReason.MeetUp;
            db.PeerModerationLog.Add(new PeerModerationEntry
            {
                PostId = post.Id, Kind = ModerationKind.PublishedFromCase, At = now, ById = "",
                Reason = "Sorti de son cas urgent ; il donne un détail personnel ou un rendez-vous et attend une relecture avant d'être publié.",
            });
            await db.SaveChangesAsync();
            await live.QueueChangedAsync(post.Id);
            return true;
        }
        post.Hold = HoldReason.None;
        post.ModeratedAt ??= now;
        var thread = post.ThreadId is { } threadId ? await db.PeerPosts.SingleAsync(p => p.Id == threadId) : null;
        // A reply to a thread taken down since stays out of sight with its thread.
        post.Status = thread is null || thread.Status == PostStatus.Published ? PostStatus.Published : PostStatus.Rejected;
        if (post.Status == PostStatus.Published)
        {
            post.PublishedAt = now;
            post.LastActivityAt = now;
            if (thread is not null)
            {
                thread.Replies++;
                thread.LastActivityAt = now;
            }
        }
        db.PeerModerationLog.Add(new PeerModerationEntry { PostId = post.Id, Kind = ModerationKind.PublishedFromCase, Reason = "Publié depuis son cas urgent, qui garde le motif.", ById = "", At = now });
        await db.SaveChangesAsync();
        if (post.Status == PostStatus.Published)
        {
            await live.PublishedAsync(post.Id);
        }
        return true;
    }
}
