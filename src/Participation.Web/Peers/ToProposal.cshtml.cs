using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Proposals;
using Participation.Web.Shared;

namespace Participation.Web.Peers;

/// <summary>
/// The author, and only the author, turns their own message into a proposal to the Département:
/// their agreement is the act itself. The proposal keeps its origin, this thread of the network.
/// </summary>
[Authorize]
public sealed class ToProposalModel(ParticipationDb db, PeerBoard board, ProposalService proposals) : FormPageModel
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public List<string> Themes { get; set; } = [];
    [BindProperty] public bool Agreed { get; set; }

    public PeerPost Post { get; private set; } = null!;
    public Circle Circle { get; private set; } = null!;
    public bool Vous => Circle.Audience.SaysVous();

    public string T(string tu, string vous) => Vous ? vous : tu;

    public async Task<IActionResult> OnGetAsync(string slug, int id)
    {
        if (await LoadAsync(slug, id) is { } refused)
        {
            return refused;
        }
        Title = Post.Title ?? await db.PeerPosts.Where(p => p.Id == Post.ThreadId).Select(p => p.Title).SingleAsync();
        Text = Post.Text;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, int id)
    {
        if (await LoadAsync(slug, id) is { } refused)
        {
            return refused;
        }
        if (!Agreed)
        {
            AddError(nameof(Agreed), T("Coche la case pour dire que tu es d'accord : sans ton accord, ton message ne devient pas une proposition.", "Cochez la case pour dire que vous êtes d'accord : sans votre accord, votre message ne devient pas une proposition."));
            return Page();
        }
        var themes = Themes.Select(Shared.Themes.FromSlug).OfType<Theme>().Aggregate(Theme.None, (all, t) => all | t);
        var result = await proposals.SubmitAsync(
            new NewProposal(Title ?? "", Text ?? "", themes, [], new Provenance(Channel.PeerNetwork, $"peer-thread:{Post.ThreadId ?? Post.Id}", $"Réseau d'entraide, cercle « {Circle.Name} »")),
            Actor.From(User));
        if (!result.Succeeded)
        {
            AddErrors(result.Errors);
            return Page();
        }
        await db.PeerPosts.Where(p => p.Id == Post.Id).ExecuteUpdateAsync(set => set.SetProperty(p => p.ProposalId, result.Value.Id));
        return Redirect($"/propositions/{result.Value.Id}");
    }

    public override string? ErrorAnchor(string field) => field switch
    {
        nameof(NewProposal.Title) => "#titre",
        nameof(NewProposal.Text) => "#texte",
        nameof(NewProposal.Themes) => "#themes",
        nameof(Agreed) => "#accord",
        _ => null,
    };

    private async Task<IActionResult?> LoadAsync(string slug, int id)
    {
        var post = await db.PeerPosts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id);
        var circle = post is null ? null : await db.PeerCircles.AsNoTracking().SingleOrDefaultAsync(c => c.Id == post.CircleId && c.Slug == slug);
        // Only the author's own published message: a proposal never speaks for someone else.
        if (post is null || circle is null || post.AuthorId != User.MemberId() || post.Status != PostStatus.Published)
        {
            return NotFound();
        }
        if (post.ProposalId is { } done)
        {
            return Redirect($"/propositions/{done}");
        }
        if (!(await board.StandingAsync(User)).MayRead(circle))
        {
            return Forbid();
        }
        Post = post;
        Circle = circle;
        return null;
    }
}
