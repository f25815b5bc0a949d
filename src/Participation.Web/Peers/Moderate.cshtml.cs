using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;

namespace Participation.Web.Peers;

/// <summary>One message for a moderator: its words and context, its reports, every decision taken about it, and the next one.</summary>
[Authorize(Policy = PeerPolicies.Moderate)]
public sealed class ModerateModel(ParticipationDb db, PeerModeration moderation, PeerReader reader, RiskDetector detector) : FormPageModel
{
    public sealed record LogLine(ModerationKind Kind, string Reason, string? Told, DateTimeOffset At);

    public sealed record ReportLine(string Reason, DateTimeOffset At, bool Handled);

    // An emptied field is sent as "", not as a field left alone: it must not fall back to the stored words.
    [BindProperty, System.ComponentModel.DataAnnotations.DisplayFormat(ConvertEmptyStringToNull = false)] public string? Title { get; set; }
    [BindProperty, System.ComponentModel.DataAnnotations.DisplayFormat(ConvertEmptyStringToNull = false)] public string? Text { get; set; }
    [BindProperty] public bool DetailsChecked { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public PostView Post { get; private set; } = null!;
    public Circle Circle { get; private set; } = null!;
    public string? ThreadTitle { get; private set; }
    public string AuthorPseudonym { get; private set; } = "";
    public IReadOnlyList<string> Findings { get; private set; } = [];
    public bool ProposesMeeting { get; private set; }
    public IReadOnlyList<LogLine> Log { get; private set; } = [];
    public IReadOnlyList<ReportLine> Reports { get; private set; } = [];
    public int? CaseId { get; private set; }
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string? fait, int? de)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Done = fait switch
        {
            "publie" => "Publié. L'auteur·e en est informé·e.",
            "refuse" => "Non publié. L'auteur·e lit la raison dans ses notifications.",
            "masque" => "Masqué. L'auteur·e lit la raison dans ses notifications.",
            "remis" => "Remis en ligne.",
            "classe" => "Signalements classés : le message reste en ligne.",
            "suggere" => "L'auteur·e est invité·e à en faire une proposition ; c'est elle ou lui qui décide.",
            _ => null,
        };
        // Gone on to the next one waiting: say which message the decision was about, and that this one is still to read.
        if (Done is not null && de is { } decided && decided != id)
        {
            Done = $"Message n° {decided} : {Done} Voici le suivant à relire, le n° {id}.";
        }
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(int id) => ActAsync(id, "publie", () => moderation.ApproveAsync(id, Title, Text, DetailsChecked, Reason, Actor.From(User)), next: true);

    public Task<IActionResult> OnPostRejectAsync(int id) => ActAsync(id, "refuse", () => moderation.RejectAsync(id, Reason, Actor.From(User)), next: true);

    public Task<IActionResult> OnPostHideAsync(int id) => ActAsync(id, "masque", () => moderation.HideAsync(id, Reason, Actor.From(User)));

    public Task<IActionResult> OnPostRestoreAsync(int id) => ActAsync(id, "remis", () => moderation.RestoreAsync(id, Reason, Actor.From(User)));

    public Task<IActionResult> OnPostDismissAsync(int id) => ActAsync(id, "classe", () => moderation.DismissReportsAsync(id, Reason, Actor.From(User)));

    public Task<IActionResult> OnPostSuggestAsync(int id) => ActAsync(id, "suggere", () => moderation.SuggestProposalAsync(id, Actor.From(User)));

    private async Task<IActionResult> ActAsync(int id, string done, Func<Task<CommandResult>> action, bool next = false)
    {
        if (!await db.PeerPosts.AnyAsync(p => p.Id == id))
        {
            return NotFound();
        }
        var result = await action();
        if (!result.Succeeded)
        {
            AddErrors(result.Errors);
            await LoadAsync(id);
            return Page();
        }
        // On a busy evening the moderator goes straight to the next message waiting.
        if (next && await db.PeerPosts.Where(p => p.Status == PostStatus.Pending && !p.HeldForSafety).OrderBy(p => p.CreatedAt).Select(p => (int?)p.Id).FirstOrDefaultAsync() is { } following)
        {
            return Redirect($"/pilotage/entraide/messages/{following}?fait={done}&de={id}");
        }
        return Redirect($"/pilotage/entraide/messages/{id}?fait={done}");
    }

    public override string? ErrorAnchor(string field) => field switch
    {
        "Title" => "#titre",
        "Text" => "#texte",
        "Reason" => "#raison",
        _ => null,
    };

    private async Task<bool> LoadAsync(int id)
    {
        if (await reader.PostAsync(id, null) is not { } post)
        {
            return false;
        }
        Post = post;
        Text ??= post.Text;
        Title ??= post.Title;
        Circle = await db.PeerCircles.AsNoTracking().SingleAsync(c => c.Id == post.CircleId);
        ThreadTitle = post.ThreadId is { } threadId ? await db.PeerPosts.Where(p => p.Id == threadId).Select(p => p.Title).SingleAsync() : post.Title;
        AuthorPseudonym = await db.PeerPosts.Where(p => p.Id == id).Join(db.Users, p => p.AuthorId, u => u.Id, (p, u) => u.Pseudonym).SingleAsync();
        var report = detector.Scan(PeerPost.Words(post.Title, post.Text));
        Findings = report.PersonalDetails.Select(d => $"« {d.Excerpt} » ({RiskNames.Label(d.Kind).ToLowerInvariant()})").Distinct().ToList();
        ProposesMeeting = report.ProposesMeeting;
        Log = await db.PeerModerationLog.Where(e => e.PostId == id).OrderBy(e => e.At).Select(e => new LogLine(e.Kind, e.Reason, e.ToldAuthor, e.At)).ToListAsync();
        Reports = await db.PeerReports.Where(r => r.PostId == id).OrderBy(r => r.CreatedAt).Select(r => new ReportLine(r.Reason, r.CreatedAt, r.HandledAt != null)).ToListAsync();
        var source = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        CaseId = await db.SafetyCases.Where(c => c.Channel == SafetyChannel.PeerPost && c.SourceId == source).OrderByDescending(c => c.Id).Select(c => (int?)c.Id).FirstOrDefaultAsync();
        return true;
    }
}
