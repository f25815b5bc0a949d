using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Web.Council;

[AllowAnonymous]
public sealed class DetailsModel(ParticipationDb db, Sessions sessions, RoomEntry room, LiveSessions live, RoomScreens screens) : FormPageModel
{
    [BindProperty] public string? Question { get; set; }
    [BindProperty] public PollKind PollKind { get; set; }
    [BindProperty] public string? Options { get; set; }
    [BindProperty] public int IdeaId { get; set; }
    [BindProperty] public string? ThemeSlug { get; set; }
    [BindProperty] public string? MemberId { get; set; }
    [BindProperty] public bool Confirmed { get; set; }

    /// <summary>What ending the session now would cut short, shown before the facilitator confirms.</summary>
    public sealed record Ending(string? OpenPoll, int Ballots, int Connected);

    public Ending? EndingToConfirm { get; private set; }

    public IReadOnlyList<(string Id, string Pseudonym, bool Assigned)> Facilitators { get; private set; } = [];

    public CouncilSession Session { get; private set; } = null!;
    public bool IsFacilitator { get; private set; }
    public bool IsYoung { get; private set; }
    /// <summary>A young member whose age band the session invites.</summary>
    public bool IsInvited { get; private set; }
    public Minutes? Minutes { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string? done)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Message = done switch
        {
            // The code lets anyone with it into the room: only the session's facilitators read it here.
            "commencee" when IsFacilitator => $"La séance a commencé. Code pour rejoindre : {Session.JoinCode}.",
            "terminee" => "La séance est terminée. Voici son compte rendu.",
            "vote" => "Le vote est prêt : ouvrez-le depuis la console le moment venu.",
            "retenue" => "L'idée est devenue une proposition.",
            "equipe" => "L'équipe d'animation est à jour.",
            _ => null,
        };
        return Page();
    }

    public Task<IActionResult> OnPostStartAsync(int id) => AsFacilitatorAsync(id, () => sessions.StartAsync(id), "commencee");

    /// <summary>Ending a session cannot be undone: the first tap shows what it would cut short, the second ends it.</summary>
    public async Task<IActionResult> OnPostCloseAsync(int id)
    {
        if (Confirmed)
        {
            return await AsFacilitatorAsync(id, () => sessions.CloseAsync(id), "terminee");
        }
        if (await RefusalAsync(id) is { } refusal)
        {
            return refusal;
        }
        if (Session.Status != SessionStatus.Live)
        {
            AddError("", "Cette séance n'est pas en cours.");
            return Page();
        }
        var now = await live.GetAsync(id);
        var poll = now?.Poll;
        var connected = now is null ? 0 : screens.Connected(now).Count;
        var ballots = now is null || poll is null ? 0 : now.BallotCount;
        EndingToConfirm = new Ending(poll?.Question, ballots, connected);
        return Page();
    }

    public Task<IActionResult> OnPostAddPollAsync(int id) =>
        AsFacilitatorAsync(id, async () => (await sessions.AddPollAsync(id, new NewPoll(Question ?? "", PollKind, (Options ?? "").Split('\n')))).WithoutValue(), "vote");

    public Task<IActionResult> OnPostAddFacilitatorAsync(int id) =>
        AsFacilitatorAsync(id, () => sessions.AddFacilitatorAsync(id, MemberId ?? ""), "equipe");

    public Task<IActionResult> OnPostRetainAsync(int id) =>
        AsFacilitatorAsync(id, async () => (await sessions.RetainIdeaAsync(id, IdeaId, Themes.FromSlug(ThemeSlug) ?? Theme.None, Actor.From(User))).WithoutValue(), "retenue");

    /// <summary>Loads the session; the answer to give when it does not exist or the caller does not run it.</summary>
    private async Task<IActionResult?> RefusalAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!IsFacilitator)
        {
            return User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();
        }
        return null;
    }

    private async Task<IActionResult> AsFacilitatorAsync(int id, Func<Task<CommandResult>> act, string done)
    {
        if (await RefusalAsync(id) is { } refusal)
        {
            return refusal;
        }
        var result = await act();
        if (!result.Succeeded)
        {
            AddErrors(result.Errors);
            await LoadAsync(id);
            return Page();
        }
        return RedirectToPage(new { id, done });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var session = await db.CouncilSessions.AsNoTracking().Include(s => s.Agenda).Include(s => s.Polls).SingleOrDefaultAsync(s => s.Id == id);
        if (session is null)
        {
            return false;
        }
        Session = session;
        IsFacilitator = await room.IsFacilitatorAsync(id, User);
        IsYoung = User.IsInRole(Roles.Young);
        IsInvited = IsYoung && await sessions.InvitesAsync(session, User.MemberId()!);
        if (IsFacilitator)
        {
            var assigned = await db.SessionFacilitators.Where(f => f.SessionId == id).Select(f => f.MemberId).ToListAsync();
            var all = await db.MembersInRole(Roles.Facilitator).OrderBy(u => u.Pseudonym).Select(u => new { u.Id, u.Pseudonym }).ToListAsync();
            Facilitators = all.Select(f => (f.Id, f.Pseudonym, assigned.Contains(f.Id))).ToList();
        }
        if (session.Status == SessionStatus.Closed)
        {
            Minutes = await sessions.MinutesAsync(id);
        }
        return true;
    }
}
