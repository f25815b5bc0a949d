using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Web.Peers;

/// <summary>
/// A circle for its members: its threads by activity, a new thread, what the member sent that still
/// waits, and whom they chose not to read. Anyone else gets a 403 that says which circle is theirs.
/// </summary>
[Authorize]
public sealed class CircleModel(ParticipationDb db, PeerBoard board, PeerReader reader, PeerLibrary library) : FormPageModel
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public List<string> Resources { get; set; } = [];
    [BindProperty] public string? Pseudonym { get; set; }

    public Circle Circle { get; private set; } = null!;
    public PeerStanding Standing { get; private set; } = PeerStanding.Outside;
    public string? Refusal { get; private set; }
    public IReadOnlyList<Circle> OwnCircles { get; private set; } = [];
    public bool RulesAccepted { get; private set; }
    public IReadOnlyList<PostView> Threads { get; private set; } = [];
    public IReadOnlyList<PostView> Waiting { get; private set; } = [];
    public IReadOnlyList<string> Muted { get; private set; } = [];
    public int CurrentPage { get; private set; } = 1;
    public int PageCount { get; private set; } = 1;
    public PostView? Sent { get; private set; }
    public PeerLibrary Library => library;
    public bool Vous => Circle.Audience.SaysVous();

    public string T(string tu, string vous) => Vous ? vous : tu;

    public async Task<IActionResult> OnGetAsync(string slug, int? envoye)
    {
        if (await LoadAsync(slug) is { } refused)
        {
            return refused;
        }
        if (envoye is { } sent && await reader.PostAsync(sent, User.MemberId()) is { Mine: true } own && own.CircleId == Circle.Id)
        {
            Sent = own;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync(string slug)
    {
        if (await LoadAsync(slug) is { } refused)
        {
            return refused;
        }
        await board.AcceptRulesAsync(User.MemberId()!);
        return Redirect($"/entraide/cercles/{Circle.Slug}#nouveau-fil");
    }

    public async Task<IActionResult> OnPostThreadAsync(string slug)
    {
        if (await LoadAsync(slug) is { } refused)
        {
            return refused;
        }
        var result = await board.PostAsync(new NewPost(Circle.Id, null, Title, Text, Resources), User);
        if (result.Forbidden)
        {
            return Forbid();
        }
        if (!result.Succeeded)
        {
            AddErrors(result.Errors);
            return Page();
        }
        return result.Status == PostStatus.Published
            ? Redirect($"/entraide/cercles/{Circle.Slug}/fils/{result.ThreadId}")
            : Redirect($"/entraide/cercles/{Circle.Slug}?envoye={result.PostId}#envoye");
    }

    public async Task<IActionResult> OnPostUnmuteAsync(string slug)
    {
        if (await LoadAsync(slug) is { } refused)
        {
            return refused;
        }
        await board.UnmuteAsync(Pseudonym ?? "", User);
        return Redirect($"/entraide/cercles/{Circle.Slug}");
    }

    public override string? ErrorAnchor(string field) => field switch
    {
        "Title" => "#titre",
        "Text" => "#texte",
        "Resources" => "#fiches",
        "Rules" => "#regles",
        _ => null,
    };

    /// <summary>Null when the page can be shown; otherwise the answer: 404, or the 403 page saying which circle is theirs.</summary>
    private async Task<IActionResult?> LoadAsync(string slug)
    {
        if (await db.PeerCircles.AsNoTracking().SingleOrDefaultAsync(c => c.Slug == slug) is not { } circle)
        {
            return NotFound();
        }
        Circle = circle;
        Standing = await board.StandingAsync(User);
        if (!Standing.MayRead(circle))
        {
            OwnCircles = (await db.PeerCircles.AsNoTracking().Where(c => c.General).ToListAsync()).Where(Standing.MayRead).ToList();
            Refusal = Standing.Child
                ? "Les cercles sont pour les jeunes à partir de 11 ans. Tu peux donner ton avis au Conseil des jeunes, et parler à un adulte en qui tu as confiance si quelque chose ne va pas."
                : $"Ce cercle est réservé {circle.Audience.ToWhom()} : les jeunes mineurs et les adultes n'ont jamais de cercle en commun.";
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        var memberId = User.MemberId()!;
        RulesAccepted = await board.HasAcceptedRulesAsync(memberId);
        CurrentPage = ResultPages.Requested(Request);
        (Threads, var total) = await reader.ThreadsAsync(circle.Id, memberId, CurrentPage);
        PageCount = Math.Max(1, (total + PeerReader.ThreadsPerPage - 1) / PeerReader.ThreadsPerPage);
        Waiting = await reader.OwnWaitingAsync(circle.Id, memberId);
        Muted = await reader.MutedAsync(memberId);
        return null;
    }
}
