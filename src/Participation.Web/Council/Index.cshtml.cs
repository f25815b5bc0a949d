using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Web.Council;

public sealed record SessionRow(int Id, string Title, SessionKind Kind, DateTimeOffset StartsAt, string? Place, bool IsRemote, string Theme, AgeBandSet AgeBands, SessionStatus Status, bool Registered, bool Invited);

[AllowAnonymous]
public sealed class IndexModel(ParticipationDb db, Sessions sessions, TimeProvider clock) : FormPageModel
{
    [BindProperty] public int SessionId { get; set; }

    public IReadOnlyList<SessionRow> Live { get; private set; } = [];
    public IReadOnlyList<SessionRow> Upcoming { get; private set; } = [];
    public IReadOnlyList<SessionRow> Past { get; private set; } = [];
    public bool IsYoung { get; private set; }
    public bool CanFacilitate { get; private set; }
    public string? Message { get; private set; }

    public async Task OnGetAsync(string? done)
    {
        Message = done switch { "inscrit" => "C'est noté : tu es inscrit·e.", "desinscrit" => "Tu n'es plus inscrit·e.", _ => null };
        await LoadAsync();
    }

    public Task<IActionResult> OnPostRegisterAsync() => RegisterAsync(true);

    public Task<IActionResult> OnPostUnregisterAsync() => RegisterAsync(false);

    private async Task<IActionResult> RegisterAsync(bool register)
    {
        if (!User.IsInRole(Roles.Young))
        {
            return User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();
        }
        var result = await sessions.RegisterAsync(SessionId, User.MemberId()!, register);
        if (!result.Succeeded)
        {
            AddErrors(result.Errors);
            await LoadAsync();
            return Page();
        }
        return RedirectToPage(new { done = register ? "inscrit" : "desinscrit" });
    }

    private async Task LoadAsync()
    {
        IsYoung = User.IsInRole(Roles.Young);
        CanFacilitate = User.IsFacilitatorOrAdmin();
        var memberId = User.MemberId();
        AgeBandSet myBand = AgeBandSet.None;
        if (IsYoung && await db.Users.Where(u => u.Id == memberId).Select(u => u.BirthYear).SingleAsync() is { } year
            && AgeBands.ForBirthYear(year, clock.GetLocalNow().Year) is { } band)
        {
            myBand = band.ToSet();
        }
        var rows = await db.CouncilSessions.OrderBy(s => s.StartsAt)
            .Select(s => new SessionRow(s.Id, s.Title, s.Kind, s.StartsAt, s.Place, s.IsRemote, s.Theme, s.AgeBands, s.Status,
                db.Registrations.Any(r => r.SessionId == s.Id && r.MemberId == memberId), false))
            .ToListAsync();
        rows = rows.Select(r => r with { Invited = (r.AgeBands & myBand) != 0 }).ToList();
        Live = rows.Where(r => r.Status == SessionStatus.Live).ToList();
        Upcoming = rows.Where(r => r.Status == SessionStatus.Planned).ToList();
        Past = rows.Where(r => r.Status == SessionStatus.Closed).OrderByDescending(r => r.StartsAt).Take(20).ToList();
    }
}
