using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Web.Peers;

/// <summary>A thread: its first message, the replies, and what a member can do with each (react, report, hide its author, reply).</summary>
[Authorize]
public sealed class ThreadModel(ParticipationDb db, PeerBoard board, PeerReader reader, PeerLibrary library) : FormPageModel
{
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public List<string> Resources { get; set; } = [];
    [BindProperty] public int PostId { get; set; }
    [BindProperty] public ReactionKind Kind { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public Circle Circle { get; private set; } = null!;
    public PostView Thread { get; private set; } = null!;
    public IReadOnlyList<PostView> Replies { get; private set; } = [];
    public IReadOnlyList<PostView> Waiting { get; private set; } = [];
    public IReadOnlyList<string> Muted { get; private set; } = [];
    public PeerStanding Standing { get; private set; } = PeerStanding.Outside;
    public bool RulesAccepted { get; private set; }
    public bool MayModerate => Standing.Team;
    public int CurrentPage { get; private set; } = 1;
    public int PageCount { get; private set; } = 1;
    public PostView? Sent { get; private set; }
    public string? Refusal { get; private set; }
    public string? Done { get; private set; }

    /// <summary>Replies of people the member chose not to see: counted, so the heading adds up.</summary>
    public int MutedReplies { get; private set; }

    /// <summary>The reason of a report read as a risk: the help numbers follow the thanks.</summary>
    public bool HelpNow { get; private set; }
    public PeerLibrary Library => library;
    public bool Vous => Circle.Audience.SaysVous();

    public string T(string tu, string vous) => Vous ? vous : tu;

    public async Task<IActionResult> OnGetAsync(string slug, int id, int? envoye, string? fait)
    {
        if (await LoadAsync(slug, id) is { } refused)
        {
            return refused;
        }
        if (envoye is { } sent && await reader.PostAsync(sent, User.MemberId()) is { Mine: true } own && own.ThreadId == id)
        {
            Sent = own;
        }
        HelpNow = fait == "signale-aide";
        Done = fait switch
        {
            "signale" => T("Merci : l'équipe de modération va relire ce message. La personne qui l'a écrit ne sait pas qui l'a signalé.", "Merci : l'équipe de modération va relire ce message. La personne qui l'a écrit ne sait pas qui l'a signalé."),
            "signale-aide" => T("Merci pour ton signalement. Ce que tu as écrit nous inquiète : une personne de l'équipe va le lire très vite. Si tu es en danger maintenant, appelle un de ces numéros.",
                "Merci pour votre signalement. Ce que vous avez écrit nous inquiète : une personne de l'équipe va le lire très vite. En cas de danger maintenant, appelez un de ces numéros."),
            "masque" => T("Tu ne verras plus les messages de cette personne. Elle n'en sait rien. Tu peux changer d'avis en bas de la page du cercle.", "Vous ne verrez plus les messages de cette personne. Elle n'en sait rien. Vous pouvez changer d'avis en bas de la page du cercle."),
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostReplyAsync(string slug, int id)
    {
        if (await LoadAsync(slug, id) is { } refused)
        {
            return refused;
        }
        var result = await board.PostAsync(new NewPost(Circle.Id, id, null, Text, Resources), User);
        if (result.Forbidden)
        {
            return Forbid();
        }
        if (!result.Succeeded)
        {
            AddErrors(result.Errors);
            return Page();
        }
        return Redirect(result.Status == PostStatus.Published
            ? $"/entraide/cercles/{Circle.Slug}/fils/{id}?page={PageCount}#message-{result.PostId}"
            : $"/entraide/cercles/{Circle.Slug}/fils/{id}?envoye={result.PostId}#envoye");
    }

    public async Task<IActionResult> OnPostReactAsync(string slug, int id)
    {
        if (await LoadAsync(slug, id) is { } refused)
        {
            return refused;
        }
        if (!await InThreadAsync(PostId) || !await board.ReactAsync(PostId, Kind, User))
        {
            return NotFound();
        }
        return Redirect($"/entraide/cercles/{Circle.Slug}/fils/{id}?page={CurrentPage}#message-{PostId}");
    }

    public async Task<IActionResult> OnPostReportAsync(string slug, int id)
    {
        if (await LoadAsync(slug, id) is { } refused)
        {
            return refused;
        }
        if (!await InThreadAsync(PostId))
        {
            return NotFound();
        }
        var result = await board.ReportAsync(PostId, Reason, User);
        if (result.Forbidden)
        {
            return NotFound();
        }
        if (!result.Succeeded)
        {
            AddErrors(result.Errors.ToDictionary(e => $"Report{PostId}", e => e.Value));
            return Page();
        }
        return Redirect($"/entraide/cercles/{Circle.Slug}/fils/{id}?page={CurrentPage}&fait={(result.Hold == HoldReason.Safety ? "signale-aide" : "signale")}#message-{PostId}");
    }

    public async Task<IActionResult> OnPostMuteAsync(string slug, int id)
    {
        if (await LoadAsync(slug, id) is { } refused)
        {
            return refused;
        }
        if (!await InThreadAsync(PostId) || !await board.MuteAsync(PostId, User))
        {
            return NotFound();
        }
        return Redirect($"/entraide/cercles/{Circle.Slug}/fils/{id}?fait=masque");
    }

    public override string? ErrorAnchor(string field) => field switch
    {
        "Text" => "#reponse",
        "Resources" => "#fiches-reponse",
        _ when field.StartsWith("Report", StringComparison.Ordinal) => $"#signaler-{field[6..]}",
        _ => null,
    };

    private async Task<bool> InThreadAsync(int postId) =>
        await db.PeerPosts.AnyAsync(p => p.Id == postId && (p.Id == Thread.Id || p.ThreadId == Thread.Id));

    private async Task<IActionResult?> LoadAsync(string slug, int id)
    {
        if (await db.PeerCircles.AsNoTracking().SingleOrDefaultAsync(c => c.Slug == slug) is not { } circle)
        {
            return NotFound();
        }
        Circle = circle;
        Standing = await board.StandingAsync(User);
        if (!Standing.MayRead(circle))
        {
            // The circle's page says which circle is the person's own.
            return Redirect($"/entraide/cercles/{circle.Slug}");
        }
        var memberId = User.MemberId()!;
        if (await reader.PostAsync(id, memberId) is not { ThreadId: null } thread || thread.CircleId != circle.Id
            || (thread.Status == PostStatus.Pending && !thread.Mine && !Standing.Team))
        {
            return NotFound();
        }
        if (thread.Status is PostStatus.Hidden or PostStatus.Rejected && !thread.Mine && !Standing.Team)
        {
            // Its words stay out of sight; the member is told why they can no longer read or answer it.
            Refusal = "Ce fil a été retiré par la modération : on ne peut plus le lire ni y répondre.";
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        Thread = thread;
        RulesAccepted = await board.HasAcceptedRulesAsync(memberId);
        (Replies, CurrentPage, PageCount) = await reader.RepliesAsync(id, memberId, ResultPages.Requested(Request));
        Waiting = await reader.OwnWaitingAsync(circle.Id, memberId, id);
        Muted = await reader.MutedAsync(memberId);
        MutedReplies = Muted.Count == 0 ? 0 : await db.PeerPosts.CountAsync(p => p.ThreadId == id && p.Status == PostStatus.Published
            && db.PeerMutes.Any(m => m.MemberId == memberId && m.MutedId == p.AuthorId));
        return null;
    }
}
