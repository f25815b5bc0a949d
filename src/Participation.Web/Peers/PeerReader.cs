using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Web.Peers;

public sealed record ReactionCount(ReactionKind Kind, int Count, bool Mine);

/// <summary>A message as a page shows it: who wrote it (a pseudonym, or the team's role), its state for its author.</summary>
public sealed record PostView(
    int Id, int CircleId, int? ThreadId, string? Title, string Text, string Author, string? Badge, bool Mine, PostStatus Status, HoldReason Hold,
    DateTimeOffset At, IReadOnlyList<Resource> Resources, int Replies, DateTimeOffset LastActivityAt, int? ProposalId, bool FromTeam)
{
    public IReadOnlyList<ReactionCount> Reactions { get; init; } = [];

    /// <summary>The viewer has reported it already: the post says so instead of offering it again.</summary>
    public bool ReportedByMe { get; init; }

    /// <summary>For its author, why a moderator refused or removed it, where the message is.</summary>
    public string? WhyNot { get; init; }
}

/// <summary>Reading the network for its pages and its live messages; every query is bounded and indexed.</summary>
public sealed class PeerReader(ParticipationDb db, PeerLibrary library)
{
    public const int ThreadsPerPage = 20;
    public const int RepliesPerPage = 50;

    private sealed record Row(PeerPost Post, string? Pseudonym, bool Team, DateOnly? HelperSince);

    public async Task<(IReadOnlyList<PostView> Threads, int Total)> ThreadsAsync(int circleId, string viewerId, int page)
    {
        var published = db.PeerPosts.AsNoTracking()
            .Where(p => p.CircleId == circleId && p.ThreadId == null && p.Status == PostStatus.Published)
            .Where(p => !db.PeerMutes.Any(m => m.MemberId == viewerId && m.MutedId == p.AuthorId));
        var total = await published.CountAsync();
        var rows = await Rows(published.OrderByDescending(p => p.LastActivityAt).ThenByDescending(p => p.Id).Skip((page - 1) * ThreadsPerPage).Take(ThreadsPerPage))
            .ToListAsync();
        return (rows.Select(r => View(r, viewerId)).ToList(), total);
    }

    /// <summary>The viewer's own messages in this circle still waiting for a moderator, or not published, newest first.</summary>
    public async Task<IReadOnlyList<PostView>> OwnWaitingAsync(int circleId, string viewerId, int? threadId = null)
    {
        var rows = await Rows(db.PeerPosts.AsNoTracking()
                .Where(p => p.CircleId == circleId && p.AuthorId == viewerId && p.Status != PostStatus.Published)
                .Where(p => threadId == null ? p.ThreadId == null : p.ThreadId == threadId)
                .OrderByDescending(p => p.CreatedAt).Take(20))
            .ToListAsync();
        // With the reason a moderator gave, beside the message itself.
        return await WithReactionsAsync(rows.Select(r => View(r, viewerId)).ToList(), viewerId);
    }

    public async Task<PostView?> PostAsync(int postId, string? viewerId)
    {
        var row = await Rows(db.PeerPosts.AsNoTracking().Where(p => p.Id == postId)).SingleOrDefaultAsync();
        return row is null ? null : (await WithReactionsAsync([View(row, viewerId)], viewerId))[0];
    }

    /// <summary>A page of a thread's replies, the asked one or the last there is; with the page read and the page count.</summary>
    public async Task<(IReadOnlyList<PostView> Replies, int Page, int PageCount)> RepliesAsync(int threadId, string viewerId, int page)
    {
        var published = db.PeerPosts.AsNoTracking()
            .Where(p => p.ThreadId == threadId && p.Status == PostStatus.Published)
            .Where(p => !db.PeerMutes.Any(m => m.MemberId == viewerId && m.MutedId == p.AuthorId));
        var pageCount = Math.Max(1, (await published.CountAsync() + RepliesPerPage - 1) / RepliesPerPage);
        page = Math.Clamp(page, 1, pageCount);
        var rows = await Rows(published.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Skip((page - 1) * RepliesPerPage).Take(RepliesPerPage)).ToListAsync();
        return (await WithReactionsAsync(rows.Select(r => View(r, viewerId)).ToList(), viewerId), page, pageCount);
    }

    /// <summary>The pseudonyms whose messages the viewer hid, to show them back and undo.</summary>
    public async Task<IReadOnlyList<string>> MutedAsync(string viewerId) =>
        await db.PeerMutes.Where(m => m.MemberId == viewerId)
            .Join(db.Users, m => m.MutedId, u => u.Id, (m, u) => u.Pseudonym).Order().ToListAsync();

    public async Task<LivePost?> LiveAsync(int postId)
    {
        var row = await Rows(db.PeerPosts.AsNoTracking().Where(p => p.Id == postId && p.Status == PostStatus.Published)).SingleOrDefaultAsync();
        if (row is null)
        {
            return null;
        }
        var view = View(row, null);
        return new LivePost(view.Id, view.CircleId, view.ThreadId ?? view.Id, view.ThreadId is null, view.Title, view.Text, view.Author, view.Badge, view.At,
            view.Resources.Select(r => new LiveResource(r.Slug, r.Title)).ToList(), view.Replies);
    }

    public async Task<QueueEntry?> QueueEntryAsync(int postId) =>
        (await QueueEntriesAsync(db.PeerPosts.Where(p => p.Id == postId))).SingleOrDefault();

    /// <summary>The queue's lines for these messages, in their order: the live push and the queue page read the same.</summary>
    public async Task<IReadOnlyList<QueueEntry>> QueueEntriesAsync(IQueryable<PeerPost> posts) =>
        (await posts.AsNoTracking()
            .Select(p => new
            {
                p.Id, p.Title, p.Text, p.Hold, p.HeldForSafety, p.Status, p.CreatedAt,
                Circle = db.PeerCircles.Where(c => c.Id == p.CircleId).Select(c => c.Name).First(),
                Reports = db.PeerReports.Count(r => r.PostId == p.Id && r.HandledAt == null),
            })
            .ToListAsync())
        .Select(p => new QueueEntry(p.Id, p.Circle, Reason(p.Status, p.Hold, p.Reports), Excerpt(p.Title, p.Text), p.CreatedAt, p.Reports, p.HeldForSafety && p.Status == PostStatus.Pending))
        .ToList();

    public static string Reason(PostStatus status, HoldReason hold, int reports) => status == PostStatus.Pending
        ? hold switch
        {
            HoldReason.Safety => "situation urgente : voir le cas",
            HoldReason.PersonalDetails => "détail personnel",
            HoldReason.MeetUp => "proposition de rendez-vous",
            _ => "à relire (mineur·e)",
        }
        : reports > 0 ? $"signalé {Plural.Count(reports, "fois", "fois")}" : PeerWords.Moderation(status == PostStatus.Hidden ? ModerationKind.Hidden : ModerationKind.Approved);

    public static string Excerpt(string text) => text.Length <= 160 ? text : text[..159] + "…";

    /// <summary>A thread's title comes first: a detail in it must be seen in the queue too.</summary>
    public static string Excerpt(string? title, string text) => Excerpt(title is null ? text : $"{title} — {text}");

    /// <summary>The roles whose members write as « l'équipe de modération »: moderators and administrators.</summary>
    public static IQueryable<string> TeamRoleIds(ParticipationDb db) =>
        db.Roles.Where(r => Roles.Moderation.Contains(r.Name!)).Select(r => r.Id);

    private IQueryable<Row> Rows(IQueryable<PeerPost> posts)
    {
        var teamRoles = TeamRoleIds(db);
        return posts.Select(p => new Row(
            p,
            db.Users.Where(u => u.Id == p.AuthorId).Select(u => u.Pseudonym).FirstOrDefault(),
            db.UserRoles.Any(ur => ur.UserId == p.AuthorId && teamRoles.Contains(ur.RoleId)),
            db.PeerProfiles.Where(x => x.MemberId == p.AuthorId).Select(x => x.HelperSince).FirstOrDefault()));
    }

    private PostView View(Row row, string? viewerId)
    {
        var p = row.Post;
        var resources = (p.Resources ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(library.Find).OfType<Resource>().ToList();
        return new PostView(p.Id, p.CircleId, p.ThreadId, p.Title, p.Text, row.Team ? "L'équipe de modération" : row.Pseudonym ?? "Membre",
            row.HelperSince is { } since && !row.Team ? Badge(since) : null, viewerId is not null && p.AuthorId == viewerId, p.Status, p.Hold, p.PublishedAt ?? p.CreatedAt,
            resources, p.Replies, p.LastActivityAt, p.ProposalId, row.Team);
    }

    public static string Badge(DateOnly since) => $"pair-aidant·e depuis {FrenchDates.MonthYear(since)}";

    private async Task<IReadOnlyList<PostView>> WithReactionsAsync(IReadOnlyList<PostView> posts, string? viewerId)
    {
        if (posts.Count == 0)
        {
            return posts;
        }
        var ids = posts.Select(p => p.Id).ToList();
        var counts = await db.PeerReactions.Where(r => ids.Contains(r.PostId))
            .GroupBy(r => new { r.PostId, r.Kind })
            .Select(g => new { g.Key.PostId, g.Key.Kind, Count = g.Count(), Mine = g.Any(r => r.MemberId == viewerId) })
            .ToListAsync();
        var reported = viewerId is null ? [] : await db.PeerReports.Where(r => r.ReporterId == viewerId && ids.Contains(r.PostId)).Select(r => r.PostId).ToListAsync();
        var refused = posts.Where(p => p.Mine && p.Status is PostStatus.Rejected or PostStatus.Hidden).Select(p => p.Id).ToList();
        var reasons = refused.Count == 0 ? [] : (await db.PeerModerationLog
                .Where(e => refused.Contains(e.PostId) && (e.Kind == ModerationKind.Rejected || e.Kind == ModerationKind.Hidden))
                .Select(e => new { e.PostId, e.Id, e.Reason }).ToListAsync())
            .GroupBy(e => e.PostId).ToDictionary(g => g.Key, g => g.MaxBy(e => e.Id)!.Reason);
        return posts.Select(p => p with
        {
            ReportedByMe = reported.Contains(p.Id),
            WhyNot = reasons.GetValueOrDefault(p.Id),
            Reactions = Enum.GetValues<ReactionKind>()
                .Select(kind => counts.FirstOrDefault(c => c.PostId == p.Id && c.Kind == kind) is { } c ? new ReactionCount(kind, c.Count, c.Mine) : new ReactionCount(kind, 0, false))
                .ToList(),
        }).ToList();
    }
}
