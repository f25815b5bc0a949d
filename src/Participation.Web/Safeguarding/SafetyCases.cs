using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;

namespace Participation.Web.Safeguarding;

/// <summary>What the urgent queue shows of a case, live and on the page.</summary>
public sealed record CaseSummary(int Id, string Channel, string Origin, string Excerpt, string Categories, DateTimeOffset FlaggedAt, bool Seen);

public interface ICaseClient
{
    Task CaseOpened(CaseSummary summary);
    Task CaseSeen(int caseId);
}

/// <summary>Moderators and administrators with the urgent queue open: new cases arrive here within a second.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = SafeguardingPolicies.Watch)]
public sealed class CaseHub(CaseListeners listeners) : Hub<ICaseClient>
{
    public const string Path = "/hubs/vigilance";

    public override Task OnConnectedAsync()
    {
        listeners.Add(Context);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        listeners.Remove(Context.ConnectionId);
        return Task.CompletedTask;
    }
}

/// <summary>A channel that can publish one of its held texts when a moderator decides it was safe after all.</summary>
public interface IHeldTextChannel
{
    SafetyChannel Channel { get; }

    /// <summary>Publishes the held item; false when it no longer exists.</summary>
    Task<bool> PublishAsync(string sourceId);
}

/// <summary>Opens cases for held texts and tells the moderators at once.</summary>
public sealed class SafetyCases(ParticipationDb db, IHubContext<CaseHub, ICaseClient> hub, UnseenCases unseen, TimeProvider clock, ILogger<SafetyCases> logger)
{
    public async Task<int> OpenAsync(HeldText held, Screening screening)
    {
        var safetyCase = Stage(held, screening);
        await db.SaveChangesAsync();
        await AnnounceAsync(safetyCase);
        return safetyCase.Id;
    }

    /// <summary>
    /// What the team already decided about these exact words from the same place, so that saving them
    /// again neither opens a second case nor holds back words a moderator has released.
    /// </summary>
    public async Task<HeldBefore> HeldBeforeAsync(SafetyChannel channel, string sourcePrefix, string text)
    {
        var known = await db.SafetyCases
            .Where(c => c.Channel == channel && c.SourceId.StartsWith(sourcePrefix) && c.Text == text)
            .OrderByDescending(c => c.Id)
            .Select(c => new { c.Status, Released = db.CaseActions.Any(a => a.CaseId == c.Id && a.Kind == CaseActionKind.Published) })
            .ToListAsync();
        if (known.Count == 0)
        {
            return HeldBefore.Never;
        }
        if (known.Any(c => c.Status == CaseStatus.Open))
        {
            return HeldBefore.Waiting;
        }
        return known[0].Released ? HeldBefore.Released : HeldBefore.Kept;
    }

    /// <summary>
    /// Adds a case to the channel's own unit of work, so that a held text and its case are written in
    /// one transaction; <see cref="AnnounceAsync"/> once it has committed.
    /// </summary>
    public SafetyCase Stage(HeldText held, Screening screening)
    {
        var (categories, rules) = Findings(screening.Report);
        var safetyCase = new SafetyCase
        {
            Channel = held.Channel,
            SourceId = held.SourceId,
            Origin = Cut(held.Origin, SafetyCase.OriginMaxLength),
            OriginUrl = held.OriginUrl,
            Text = Cut(held.Text, SafetyCase.TextMaxLength),
            AuthorMemberId = held.AuthorMemberId,
            AuthorPseudonym = held.AuthorPseudonym,
            Categories = categories,
            Rules = Cut(rules, 1000),
            FlaggedAt = clock.GetUtcNow(),
            Status = CaseStatus.Open,
        };
        db.SafetyCases.Add(safetyCase);
        return safetyCase;
    }

    /// <summary>Tells the moderators with the urgent queue open, and every header, of a case written.</summary>
    public async Task AnnounceAsync(SafetyCase safetyCase)
    {
        unseen.Changed();
        logger.LogWarning("Safety case {Case} opened from {Channel} ({Categories}).", safetyCase.Id, safetyCase.Channel, safetyCase.Categories);
        // The case is stored and in every queue on its next load: a push that fails (Redis away, with
        // several instances) must neither fail what the person wrote nor delay the words they get back.
        await logger.TellOrLogAsync(() => hub.Clients.All.CaseOpened(Summary(safetyCase)), $"Safety case {safetyCase.Id} for the moderators' screens");
    }

    /// <summary>What a case records of a scan: its categories (or « Failure ») and the entries that caught it.</summary>
    public static (string Categories, string Rules) Findings(RiskReport report) =>
        (report.Failed ? "Failure" : string.Join(",", report.Categories), string.Join(",", report.Risks.Select(r => r.Entry.Id).Distinct()));

    public static CaseSummary Summary(SafetyCase c) =>
        new(c.Id, CaseWords.Channel(c.Channel), c.Origin, Cut(c.Text, 160), CaseWords.Categories(c.Categories), c.FlaggedAt, c.FirstSeenAt is not null);

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

/// <summary>What became of the same words from the same place the last time they were held.</summary>
public enum HeldBefore
{
    /// <summary>Never held: they are held now, and a case opens.</summary>
    Never,

    /// <summary>A case still open holds them: they stay held, with no second case.</summary>
    Waiting,

    /// <summary>A moderator published them: they are not held again.</summary>
    Released,

    /// <summary>A case closed without publishing them: they stay held, with no new case.</summary>
    Kept,
}
