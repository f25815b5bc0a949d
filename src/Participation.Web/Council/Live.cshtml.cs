using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Shared;

namespace Participation.Web.Council;

/// <summary>The participant's screen: for a young member signed in, or a guest with the session's cookie.</summary>
[AllowAnonymous]
public sealed class ParticipateModel(ParticipationDb db, GuestPasses guests, TimeProvider clock) : PageModel
{
    public CouncilSession Session { get; private set; } = null!;

    /// <summary>The screen for 7–10 year-olds: picture cards, faces with words, read aloud, one thing at a time.</summary>
    public bool ChildMode { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await db.CouncilSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id) is not { } session)
        {
            return NotFound();
        }
        if (!User.IsInRole(Roles.Young) && guests.Read(HttpContext, id) is null)
        {
            return User.Identity?.IsAuthenticated == true ? Forbid() : Redirect("/rejoindre");
        }
        Session = session;
        ChildMode = session.AgeBands == AgeBandSet.From7To10 || await IsChildAsync();
        return Page();
    }

    /// <summary>« Quitter »: a guest's pass is dropped, so that a shared phone does not stay in the room.</summary>
    public IActionResult OnPostQuit()
    {
        guests.Revoke(HttpContext);
        return Redirect("/conseil");
    }

    private async Task<bool> IsChildAsync()
    {
        if (User.MemberId() is not { } memberId)
        {
            return false;
        }
        var born = await db.Users.Where(u => u.Id == memberId).Select(u => u.BirthYear).SingleOrDefaultAsync();
        return AgeBands.IsChild(born, clock.GetLocalNow().Year);
    }
}

/// <summary>The facilitator's console and the projector: both for the session's facilitators.</summary>
[Authorize(Policy = CouncilPolicies.Facilitate)]
public abstract class FacilitatorScreenModel(ParticipationDb db, RoomEntry room) : PageModel
{
    protected ParticipationDb Db => db;

    public CouncilSession Session { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var session = await db.CouncilSessions.AsNoTracking().Include(s => s.Agenda).Include(s => s.Polls).ThenInclude(p => p.Options).SingleOrDefaultAsync(s => s.Id == id);
        if (session is null)
        {
            return NotFound();
        }
        if (!await room.IsFacilitatorAsync(id, User))
        {
            return Forbid();
        }
        if (session.Status != SessionStatus.Live)
        {
            return Redirect($"/conseil/seances/{id}");
        }
        Session = session;
        await LoadedAsync(id);
        return Page();
    }

    protected virtual Task LoadedAsync(int sessionId) => Task.CompletedTask;
}

public sealed class ConsoleModel(ParticipationDb db, RoomEntry room) : FacilitatorScreenModel(db, room)
{
    /// <summary>Ideas of this session still held for safety, so that a console opened later still tells the adult in the room.</summary>
    public IReadOnlyList<(DateTimeOffset At, string Pseudonym)> HeldForSafety { get; private set; } = [];

    protected override async Task LoadedAsync(int sessionId)
    {
        var held = await (from i in Db.Ideas
                          join p in Db.Participants on i.ParticipantId equals p.Id
                          where i.SessionId == sessionId && i.Status == IdeaStatus.HeldForSafety
                          orderby i.Id descending
                          select new { i.CreatedAt, p.Pseudonym }).AsNoTracking().ToListAsync();
        HeldForSafety = held.Select(h => (h.CreatedAt, h.Pseudonym)).ToList();
    }
}

public sealed class ProjectorModel(ParticipationDb db, RoomEntry room) : FacilitatorScreenModel(db, room);
