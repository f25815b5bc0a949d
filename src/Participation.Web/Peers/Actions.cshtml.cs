using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Council;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Web.Peers;

/// <summary>
/// Peer actions for the team: write up what a circle proposed, put it to the Conseil des jeunes, record
/// the council's decision once its poll is closed, and keep an adopted action's progress.
/// </summary>
[Authorize(Policy = PeerPolicies.Steer)]
public sealed class ActionsModel(ParticipationDb db, PeerActions actions) : FormPageModel
{
    public sealed record SessionChoice(int Id, string Title, DateTimeOffset StartsAt);

    [BindProperty] public int CircleId { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public int? FromThreadId { get; set; }
    [BindProperty] public int SessionId { get; set; }
    [BindProperty] public PeerActionStatus? Decision { get; set; }
    [BindProperty] public string? Carriers { get; set; }
    [BindProperty] public PeerActionStatus? Status { get; set; }
    [BindProperty] public string? Progress { get; set; }

    public IReadOnlyList<Circle> Circles { get; private set; } = [];
    public IReadOnlyList<(PeerAction Action, string Circle)> All { get; private set; } = [];
    public PeerAction? Action { get; private set; }
    public string? CircleName { get; private set; }
    public ActionVote? Vote { get; private set; }
    public IReadOnlyList<SessionChoice> Sessions { get; private set; } = [];
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, string? fait)
    {
        Done = fait switch
        {
            "cree" => "L'action est enregistrée : proposez-la au Conseil des jeunes quand elle est prête.",
            "vote" => "Le vote « pour / contre / à revoir » est prêt dans la séance : ouvrez-le depuis la console.",
            "decision" => "La décision du Conseil est enregistrée.",
            "avance" => "La feuille de route est à jour.",
            _ => null,
        };
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var created = await actions.CreateAsync(new NewPeerAction(CircleId, Title, Text, FromThreadId), Actor.From(User));
        return await AfterAsync(null, created.WithoutValue(), () => Redirect($"/pilotage/entraide/actions/{created.Value}?fait=cree"));
    }

    public async Task<IActionResult> OnPostCouncilAsync(int id) =>
        await AfterAsync(id, await actions.SendToCouncilAsync(id, SessionId, Actor.From(User)), () => Redirect($"/pilotage/entraide/actions/{id}?fait=vote"));

    public async Task<IActionResult> OnPostDecisionAsync(int id) =>
        await AfterAsync(id, await actions.RecordDecisionAsync(id, Decision, Carriers, Actor.From(User)), () => Redirect($"/pilotage/entraide/actions/{id}?fait=decision"));

    public async Task<IActionResult> OnPostProgressAsync(int id) =>
        await AfterAsync(id, await actions.UpdateProgressAsync(id, Status, Progress, Actor.From(User)), () => Redirect($"/pilotage/entraide/actions/{id}?fait=avance"));

    public override string? ErrorAnchor(string field) => field switch
    {
        "Title" => "#titre",
        "Text" => "#texte",
        "CircleId" => "#cercle",
        "FromThreadId" => "#fil",
        "SessionId" => "#seance",
        "Decision" => "#decision",
        "Carriers" => "#porteurs",
        "Status" => "#etat",
        "Progress" => "#avancee",
        _ => null,
    };

    private async Task<IActionResult> AfterAsync(int? id, CommandResult result, Func<IActionResult> success)
    {
        if (result.Succeeded)
        {
            return success();
        }
        AddErrors(result.Errors);
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int? id)
    {
        Circles = await db.PeerCircles.AsNoTracking().OrderBy(c => c.Audience).ThenBy(c => c.Name).ToListAsync();
        if (id is null)
        {
            All = (await db.PeerActions.AsNoTracking().OrderByDescending(a => a.UpdatedAt)
                    .Select(a => new { Action = a, Circle = db.PeerCircles.Where(c => c.Id == a.CircleId).Select(c => c.Name).First() }).ToListAsync())
                .Select(x => (x.Action, x.Circle)).ToList();
            return true;
        }
        if (await db.PeerActions.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id) is not { } action)
        {
            return false;
        }
        Action = action;
        CircleName = Circles.Single(c => c.Id == action.CircleId).Name;
        Vote = await actions.VoteAsync(action);
        var memberId = User.MemberId();
        var admin = User.IsInRole(Roles.Admin);
        Sessions = await db.CouncilSessions.AsNoTracking()
            .Where(s => s.Status != SessionStatus.Closed && (admin || db.SessionFacilitators.Any(f => f.SessionId == s.Id && f.MemberId == memberId)))
            .OrderBy(s => s.StartsAt).Select(s => new SessionChoice(s.Id, s.Title, s.StartsAt)).ToListAsync();
        return true;
    }
}
